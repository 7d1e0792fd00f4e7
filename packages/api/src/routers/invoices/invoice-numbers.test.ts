import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { billingOrganisation } from "./invoices.fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function numbersOf(organizationId: string) {
  const invoices = await api.db.invoice.findMany({ where: { organizationId }, select: { number: true } });
  return invoices.map((invoice) => invoice.number).sort((a, b) => a - b);
}

test("20 concurrent issues across 20 orders take the numbers 1 to 20, each exactly once", async () => {
  const acme = await billingOrganisation(api);
  const orders = await Promise.all(range(1, 20).map(() => acme.placedOrder()));

  const invoices = await Promise.all(
    orders.map((order) => acme.caller.invoices.issue({ orderId: order.id })),
  );

  expect(invoices.map((invoice) => invoice.number).sort((a, b) => a - b)).toEqual(range(1, 20));
  expect(await numbersOf(acme.id)).toEqual(range(1, 20));
});

test("issues that fail among concurrent ones leave no gap: a failure after the number was taken gives it back", async () => {
  const acme = await billingOrganisation(api);
  const good = await Promise.all(range(1, 12).map(() => acme.placedOrder()));
  const refusedByRule = await acme.draftOrder();
  const refusedByDatabase = await acme.placedOrder();
  // The one way to make an issue fail after its number was taken: the database
  // itself refuses that invoice's row. The trigger stands in for any failure
  // late in the transaction (a lost connection, a constraint, a timeout).
  await api.db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_test_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
  await api.db.$executeRawUnsafe(`
    CREATE TRIGGER refuse_test_invoice BEFORE INSERT ON "invoice" FOR EACH ROW
    WHEN (NEW."orderId" = '${refusedByDatabase.id}') EXECUTE FUNCTION refuse_test_invoice()`);

  try {
    const attempts = [...good.slice(0, 6), refusedByDatabase, refusedByRule, ...good.slice(6)];
    const results = await Promise.allSettled(
      attempts.map((order) => acme.caller.invoices.issue({ orderId: order.id })),
    );

    expect(results.filter((result) => result.status === "rejected")).toHaveLength(2);
    expect(await numbersOf(acme.id)).toEqual(range(1, 12));
    const counter = await api.db.invoiceCounter.findUniqueOrThrow({ where: { organizationId: acme.id } });
    expect(counter.lastNumber).toBe(12);
  } finally {
    await api.db.$executeRawUnsafe(`DROP TRIGGER refuse_test_invoice ON "invoice"`);
    await api.db.$executeRawUnsafe("DROP FUNCTION refuse_test_invoice()");
  }
  expect((await acme.caller.invoices.issue({ orderId: refusedByDatabase.id })).number).toBe(13);
});
