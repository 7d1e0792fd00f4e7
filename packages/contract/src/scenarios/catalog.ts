import type { TallyClient } from "@tally/client";
import { createTranscript } from "../transcript.ts";

/** An admin manages products: create, conflicts, bad input, versions, pages, archive. */
export async function catalogScenario(client: TallyClient, prefix: string) {
  const t = createTranscript(prefix);
  const products = client.catalog.products;

  await t.step("empty search", () => products.list.query({ search: prefix }));
  const paper = await t.must("create", () =>
    products.create.mutate({
      sku: `${prefix}-PAPER`,
      name: `${prefix} paper`,
      priceMinor: 649,
      currency: "usd",
      stock: 10,
    }),
  );
  await t.step("create second", () =>
    products.create.mutate({
      sku: `${prefix}-PENS`,
      name: `${prefix} pens`,
      priceMinor: 475,
      currency: "USD",
    }),
  );
  await t.step("duplicate SKU", () =>
    products.create.mutate({ sku: `${prefix}-PAPER`, name: "again", priceMinor: 1, currency: "USD" }),
  );
  await t.step("invalid create", () =>
    products.create.mutate({ sku: "has space", name: "", priceMinor: -1, currency: "US" }),
  );
  await t.step("update", () =>
    products.update.mutate({ id: paper.id, version: 1, patch: { priceMinor: 699 } }),
  );
  await t.step("stale update", () =>
    products.update.mutate({ id: paper.id, version: 1, patch: { priceMinor: 1 } }),
  );
  const firstPage = await t.must("first page", () => products.list.query({ search: prefix, limit: 1 }));
  await t.step("second page", () =>
    products.list.query({ search: prefix, limit: 1, cursor: firstPage.nextCursor ?? "" }),
  );
  await t.step("archive", () => products.archive.mutate({ id: paper.id }));
  await t.step("list after archive", () => products.list.query({ search: prefix }));
  await t.step("list with archived", () => products.list.query({ search: prefix, includeArchived: true }));
  await t.step("missing product", () => products.get.query({ id: "prod_does_not_exist" }));
  await t.step("forged cursor", () => products.list.query({ cursor: "not-a-cursor" }));
  return t.done();
}
