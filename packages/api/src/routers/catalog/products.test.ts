import type { CreateProductInput } from "@tally/validators";
import { flattenIssues } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { createTestApi, type TestApi } from "../../testing/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

let skuCounter = 0;
const product = (overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
  sku: `SKU-${++skuCounter}`,
  name: `Product ${skuCounter}`,
  description: "",
  priceMinor: 1299,
  currency: "USD",
  stock: 5,
  ...overrides,
});

function inputIssuesOf(error: unknown) {
  if (!(error instanceof TRPCError) || !(error.cause instanceof ZodError))
    throw new Error(`not an input error: ${error}`);
  return flattenIssues(error.cause);
}

describe("creating and reading products", () => {
  test("a created product can be read back, with the currency normalised", async () => {
    const { caller } = await api.organisation("Acme");
    const created = await caller.catalog.products.create(product({ name: "  Stapler ", currency: "eur" }));
    expect(created).toMatchObject({
      name: "Stapler",
      currency: "EUR",
      priceMinor: 1299,
      version: 1,
      archivedAt: null,
    });
    await expect(caller.catalog.products.get({ id: created.id })).resolves.toEqual(created);
  });

  test("a SKU is unique within an organisation but may repeat across organisations", async () => {
    const { alice, bob } = await api.twoOrganisations();
    await alice.caller.catalog.products.create(product({ sku: "SHARED-1" }));
    await expect(alice.caller.catalog.products.create(product({ sku: "SHARED-1" }))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("SHARED-1"),
    });
    await expect(bob.caller.catalog.products.create(product({ sku: "SHARED-1" }))).resolves.toMatchObject({
      sku: "SHARED-1",
    });
  });

  test("a missing product is NOT_FOUND and the message names it", async () => {
    const { caller } = await api.organisation("Acme");
    await expect(caller.catalog.products.get({ id: "prod_missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Product prod_missing was not found",
    });
  });
});

describe("invalid input is refused with BAD_REQUEST naming the field, and changes nothing", () => {
  type Org = Awaited<ReturnType<TestApi["organisation"]>>;
  const cases: Array<[string, (org: Org, existingId: string) => Promise<unknown>, string]> = [
    [
      "create with a negative price",
      ({ caller }) => caller.catalog.products.create(product({ priceMinor: -1 })),
      "priceMinor",
    ],
    [
      "create with a fractional price",
      ({ caller }) => caller.catalog.products.create(product({ priceMinor: 10.5 })),
      "priceMinor",
    ],
    [
      "create with a bad currency",
      ({ caller }) => caller.catalog.products.create(product({ currency: "DOLLARS" })),
      "currency",
    ],
    [
      "create with an empty name",
      ({ caller }) => caller.catalog.products.create(product({ name: "   " })),
      "name",
    ],
    [
      "create with spaces in the SKU",
      ({ caller }) => caller.catalog.products.create(product({ sku: "A B" })),
      "sku",
    ],
    [
      "update with a bad price",
      ({ caller }, id) => caller.catalog.products.update({ id, version: 1, patch: { priceMinor: -5 } }),
      "patch.priceMinor",
    ],
    [
      "update with no version",
      ({ caller }, id) => caller.catalog.products.update({ id, patch: { name: "x" } } as never),
      "version",
    ],
    ["list with a huge page", ({ caller }) => caller.catalog.products.list({ limit: 1000 }), "limit"],
    [
      "list with a forged cursor",
      ({ caller }) => caller.catalog.products.list({ cursor: "bm90LWEtY3Vyc29y" }),
      "cursor",
    ],
    ["get with an empty id", ({ caller }) => caller.catalog.products.get({ id: "" }), "id"],
    ["archive with no id", ({ caller }) => caller.catalog.products.archive({} as never), "id"],
  ];

  test.each(cases)("%s", async (_name, call, field) => {
    const org = await api.organisation("Acme");
    const existing = await org.caller.catalog.products.create(product());
    const before = await api.db.product.findMany({ orderBy: { id: "asc" } });

    const error = await call(org, existing.id).then(
      () => expect.unreachable("the call should have been refused"),
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(Object.keys(inputIssuesOf(error).fieldErrors)).toContain(field);

    expect(await api.db.product.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe("listing", () => {
  test("pages walk every product once, alphabetically, and the last page says so", async () => {
    const { caller } = await api.organisation("Pager");
    const names = Array.from({ length: 25 }, (_, i) => `Item ${String(i).padStart(2, "0")}`);
    for (const name of [...names].reverse()) await caller.catalog.products.create(product({ name }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.catalog.products.list({ limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(names);
  });

  test("search matches name or SKU regardless of case", async () => {
    const { caller } = await api.organisation("Search");
    await caller.catalog.products.create(product({ sku: "TNR-26A", name: "Toner cartridge" }));
    await caller.catalog.products.create(product({ sku: "PAP-A4", name: "Copy paper" }));

    const byName = await caller.catalog.products.list({ search: "TONER" });
    expect(byName.items.map((item) => item.sku)).toEqual(["TNR-26A"]);
    const bySku = await caller.catalog.products.list({ search: "pap-a" });
    expect(bySku.items.map((item) => item.name)).toEqual(["Copy paper"]);
  });

  test("archived products leave the list unless asked for, and can be restored", async () => {
    const { caller } = await api.organisation("Archive");
    const kept = await caller.catalog.products.create(product({ name: "Kept" }));
    const gone = await caller.catalog.products.create(product({ name: "Gone" }));

    const archived = await caller.catalog.products.archive({ id: gone.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    await expect(caller.catalog.products.archive({ id: gone.id })).resolves.toMatchObject({ id: gone.id });

    // No input at all is the first page of the default list.
    expect((await caller.catalog.products.list()).items.map((p) => p.id)).toEqual([kept.id]);
    expect((await caller.catalog.products.list({ includeArchived: true })).items).toHaveLength(2);

    await caller.catalog.products.restore({ id: gone.id });
    expect((await caller.catalog.products.list({})).items).toHaveLength(2);
  });
});

describe("updating", () => {
  test("an update bumps the version; an edit of an older version is a CONFLICT and overwrites nothing", async () => {
    const { caller } = await api.organisation("Editors");
    const original = await caller.catalog.products.create(product({ name: "Original" }));

    const first = await caller.catalog.products.update({
      id: original.id,
      version: 1,
      patch: { name: "First" },
    });
    expect(first).toMatchObject({ name: "First", version: 2 });

    await expect(
      caller.catalog.products.update({ id: original.id, version: 1, patch: { name: "Stale" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.catalog.products.get({ id: original.id })).resolves.toMatchObject({
      name: "First",
      version: 2,
    });
  });

  test("a partial update changes only the fields it names", async () => {
    const { caller } = await api.organisation("Partial");
    const created = await caller.catalog.products.create(product({ description: "Keep me", stock: 42 }));
    const updated = await caller.catalog.products.update({
      id: created.id,
      version: 1,
      patch: { priceMinor: 1 },
    });
    expect(updated).toMatchObject({ priceMinor: 1, description: "Keep me", stock: 42, name: created.name });
  });

  test("renaming a SKU onto another product's SKU is a CONFLICT", async () => {
    const { caller } = await api.organisation("Renamers");
    await caller.catalog.products.create(product({ sku: "TAKEN" }));
    const other = await caller.catalog.products.create(product());
    await expect(
      caller.catalog.products.update({ id: other.id, version: 1, patch: { sku: "TAKEN" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("tenancy", () => {
  test("another organisation cannot see, change or archive a product, and learns nothing of it", async () => {
    const { alice, bob } = await api.twoOrganisations();
    const secret = await alice.caller.catalog.products.create(product({ name: "Alice's secret" }));
    const stored = await api.db.product.findUniqueOrThrow({ where: { id: secret.id } });

    const attempts = [
      () => bob.caller.catalog.products.get({ id: secret.id }),
      () =>
        bob.caller.catalog.products.update({ id: secret.id, version: 1, patch: { name: "Bob was here" } }),
      () => bob.caller.catalog.products.archive({ id: secret.id }),
      () => bob.caller.catalog.products.restore({ id: secret.id }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });

    const bobsList = await bob.caller.catalog.products.list({ includeArchived: true, search: "secret" });
    expect(bobsList.items).toEqual([]);
    expect(await api.db.product.findUniqueOrThrow({ where: { id: secret.id } })).toEqual(stored);
  });

  test("a caller without an organisation is refused", async () => {
    await expect(api.anonymous().catalog.products.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
