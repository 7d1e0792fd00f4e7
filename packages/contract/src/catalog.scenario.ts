import type { TallyClient } from "@tally/client";
import { TRPCClientError } from "@trpc/client";

/**
 * What a client sees while managing products, as plain data. Run against each
 * host; the transcripts must be identical once ids, times and the per-host SKU
 * prefix are replaced by placeholders.
 */
export async function catalogScenario(client: TallyClient, prefix: string) {
  const transcript: Record<string, unknown> = {};
  const products = client.catalog.products;
  const record = async (step: string, call: () => Promise<unknown>) => {
    try {
      transcript[step] = { ok: await call() };
    } catch (error) {
      transcript[step] = { error: describe(error) };
    }
  };

  await record("empty search", () => products.list.query({ search: prefix }));
  const paper = await products.create.mutate({
    sku: `${prefix}-PAPER`,
    name: `${prefix} paper`,
    priceMinor: 649,
    currency: "usd",
    stock: 10,
  });
  transcript.create = { ok: paper };
  await record("create second", () =>
    products.create.mutate({
      sku: `${prefix}-PENS`,
      name: `${prefix} pens`,
      priceMinor: 475,
      currency: "USD",
    }),
  );
  await record("duplicate SKU", () =>
    products.create.mutate({ sku: `${prefix}-PAPER`, name: "again", priceMinor: 1, currency: "USD" }),
  );
  await record("invalid create", () =>
    products.create.mutate({ sku: "has space", name: "", priceMinor: -1, currency: "US" }),
  );
  await record("update", () =>
    products.update.mutate({ id: paper.id, version: 1, patch: { priceMinor: 699 } }),
  );
  await record("stale update", () =>
    products.update.mutate({ id: paper.id, version: 1, patch: { priceMinor: 1 } }),
  );
  const firstPage = await products.list.query({ search: prefix, limit: 1 });
  transcript["first page"] = { ok: firstPage };
  await record("second page", () =>
    products.list.query({ search: prefix, limit: 1, cursor: firstPage.nextCursor ?? "" }),
  );
  await record("archive", () => products.archive.mutate({ id: paper.id }));
  await record("list after archive", () => products.list.query({ search: prefix }));
  await record("list with archived", () => products.list.query({ search: prefix, includeArchived: true }));
  await record("missing product", () => products.get.query({ id: "prod_does_not_exist" }));
  await record("forged cursor", () => products.list.query({ cursor: "not-a-cursor" }));
  return normalise(transcript, prefix);
}

function describe(error: unknown) {
  if (!(error instanceof TRPCClientError)) throw error;
  const data = error.data as { code?: string; httpStatus?: number; inputIssues?: unknown } | undefined;
  return {
    message: error.message,
    code: data?.code,
    httpStatus: data?.httpStatus,
    inputIssues: data?.inputIssues,
  };
}

/** cuid2 ids, alone or inside a message. */
const GENERATED_ID = /\b[a-z][a-z0-9]{23}\b/g;

function normalise(value: unknown, prefix: string): unknown {
  if (value instanceof Date) return "<date>";
  if (typeof value === "string") return value.replaceAll(prefix, "<prefix>").replace(GENERATED_ID, "<id>");
  if (Array.isArray(value)) return value.map((item) => normalise(item, prefix));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === "nextCursor" && item ? "<cursor>" : normalise(item, prefix),
      ]),
    );
  }
  return value;
}
