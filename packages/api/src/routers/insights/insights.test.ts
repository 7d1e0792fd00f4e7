/**
 * `insights.*` against the real Python service (apps/insights), started by
 * this test, behind a recording stand-in so the test sees exactly what left
 * the API: which organisation's products, customers and invoices.
 */
import { randomBytes } from "node:crypto";
import {
  type RunningService,
  requireDebianPython,
  startInsightsService,
} from "@tally/insights-contract/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defaultRulesConfig } from "../../config.ts";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { type BillingOrganisation, billingOrganisation } from "../invoices/invoices.fixtures.ts";
import { callerWithRules, rulesFor, type StandIn, startStandIn } from "./insights.fixtures.ts";

const DAY_MS = 86_400_000;
// Generous: the first answer on a loaded CI machine includes the service's warm-up.
const TIMEOUT_MS = 10_000;

let service: RunningService;
let standIn: StandIn;
let api: TestApi;
let alice: BillingOrganisation;
let bob: BillingOrganisation;
const ids = { alice: new Set<string>(), bob: new Set<string>() };

async function sell(
  org: BillingOrganisation,
  { name, stock, sold }: { name: string; stock: number; sold: number },
) {
  const product = await org.caller.catalog.products.create({
    sku: `S-${randomBytes(3).toString("hex")}`,
    name,
    priceMinor: 500,
    currency: "USD",
    stock,
  });
  const draft = await org.caller.orders.create({ customerId: org.customer.id });
  const withItem = await org.caller.orders.addItem({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity: sold,
  });
  await org.caller.orders.place({ orderId: withItem.id });
  return product;
}

/** An invoice issued `daysAgo` with 30-day terms, paid `paidLate` days after its due date (or still open). */
async function pastInvoice(
  org: BillingOrganisation,
  customerId: string,
  { daysAgo, paidLate }: { daysAgo: number; paidLate: number | null },
) {
  const invoice = await org.issuedInvoice({ customerId, dueInDays: 30 });
  const issuedAt = new Date(Date.now() - daysAgo * DAY_MS);
  const dueAt = new Date(issuedAt.getTime() + 30 * DAY_MS);
  await api.db.invoice.update({
    where: { id: invoice.id },
    data: {
      issuedAt,
      dueAt,
      ...(paidLate === null
        ? {}
        : {
            status: "paid",
            paidAt: new Date(dueAt.getTime() + paidLate * DAY_MS),
            paidMinor: invoice.totalMinor,
          }),
    },
  });
  return invoice;
}

/** Every id a request body names: product, customer and invoice ids. */
function namedIds(body: unknown): string[] {
  const text = JSON.stringify(body);
  return [...text.matchAll(/"(?:product_id|customer_id|invoice_id)":"([^"]+)"/g)].map(
    (match) => match[1] ?? "",
  );
}

let larry: { id: string };
let paula: { id: string };
let larrysOpen: { id: string; number: number };
let paulasOverdue: { id: string };
let fastSeller: { id: string };

beforeAll(async () => {
  await requireDebianPython();
  [service, api] = await Promise.all([startInsightsService(), createTestApi()]);
  standIn = await startStandIn({ upstream: service.url });

  alice = await billingOrganisation(api, "Alice Ltd");
  bob = await billingOrganisation(api, "Bob GmbH");

  fastSeller = await sell(alice, { name: "Fast seller", stock: 30, sold: 25 });
  await sell(alice, { name: "Slow seller", stock: 1000, sold: 1 });
  const archived = await sell(alice, { name: "Discontinued", stock: 3, sold: 2 });
  await alice.caller.catalog.products.archive({ id: archived.id });

  larry = await alice.caller.customers.create({ name: "Late Larry" });
  paula = await alice.caller.customers.create({ name: "Prompt Paula" });
  for (let month = 1; month <= 6; month++) {
    await pastInvoice(alice, larry.id, { daysAgo: 40 + month * 30, paidLate: 30 });
    await pastInvoice(alice, paula.id, { daysAgo: 40 + month * 30, paidLate: 0 });
  }
  larrysOpen = await pastInvoice(alice, larry.id, { daysAgo: 2, paidLate: null });
  await pastInvoice(alice, paula.id, { daysAgo: 2, paidLate: null });
  paulasOverdue = await pastInvoice(alice, paula.id, { daysAgo: 40, paidLate: null });

  await sell(bob, { name: "Bob's gadget", stock: 10, sold: 9 });
  await pastInvoice(bob, bob.customer.id, { daysAgo: 45, paidLate: null });

  for (const [org, set] of [
    [alice, ids.alice],
    [bob, ids.bob],
  ] as const) {
    const where = { organizationId: org.id };
    for (const { id } of await api.db.product.findMany({ where, select: { id: true } })) set.add(id);
    for (const { id } of await api.db.customer.findMany({ where, select: { id: true } })) set.add(id);
    for (const { id } of await api.db.invoice.findMany({ where, select: { id: true } })) set.add(id);
  }
}, 180_000);
afterAll(async () => {
  await standIn?.close();
  await service?.stop();
  await api?.close();
});

const rules = () => rulesFor(standIn.url, { token: service.token, timeoutMs: TIMEOUT_MS });

describe("insights.reorderSoon", () => {
  test("lists the products that will run out before a reorder arrives, with the quantity and band to order", async () => {
    const answer = await callerWithRules(api, alice.owner, rules()).insights.reorderSoon();

    expect(answer).toMatchObject({ state: "ok", assumptions: { leadTimeDays: 7, salesWindowDays: 56 } });
    if (answer.state !== "ok") throw new Error("unreachable");
    // 25 sold today, 5 left: 0.2 days. Over 7 + 7 days at 25 a day with a Poisson spread (σ = 5):
    // 350 + 1.645 × 5 × √14 − 5 = 375.8, rounded up.
    expect(answer.products).toEqual([
      expect.objectContaining({
        id: fastSeller.id,
        name: "Fast seller",
        stock: 5,
        daysUntilStockOut: 0.2,
        stockOutBeforeDelivery: true,
        meanDailyDemand: 25,
        reorder: expect.objectContaining({ quantity: 376, confidence: 0.95 }),
      }),
    ]);
    const [row] = answer.products;
    expect(row?.reorder.low).toBeLessThan(376);
    expect(row?.reorder.high).toBeGreaterThan(376);
  });

  test("sends only the organisation's own live products, and another organisation's answer names only its own", async () => {
    const alicesRules = rules();
    standIn.received.length = 0;
    await callerWithRules(api, alice.owner, alicesRules).insights.reorderSoon();
    const bobsAnswer = await callerWithRules(api, bob.owner, alicesRules).insights.reorderSoon();

    const [forAlice, forBob] = standIn.received;
    expect(standIn.received).toHaveLength(2);
    expect(forAlice?.path).toBe("/v1/forecasts/stock-out");
    expect(namedIds(forAlice?.body).every((id) => ids.alice.has(id))).toBe(true);
    expect(namedIds(forBob?.body).every((id) => ids.bob.has(id))).toBe(true);
    // Widget, Fast seller, Slow seller: the archived product is not asked about.
    expect(namedIds(forAlice?.body)).toHaveLength(3);
    expect(forAlice?.authorization).toBe(`Bearer ${service.token}`);

    expect(bobsAnswer.state === "ok" && bobsAnswer.products.map((p) => p.name)).toEqual(["Bob's gadget"]);
    expect(JSON.stringify(bobsAnswer)).not.toContain(fastSeller.id);
  });

  test("an answer is reused for the organisation for a few minutes; another organisation's call asks afresh", async () => {
    const shared = rules();
    standIn.received.length = 0;
    const first = await callerWithRules(api, alice.owner, shared).insights.reorderSoon();
    const again = await callerWithRules(api, alice.owner, shared).insights.reorderSoon({ limit: 1 });
    expect(standIn.received).toHaveLength(1);
    expect(again).toEqual(first);

    await callerWithRules(api, bob.owner, shared).insights.reorderSoon();
    expect(standIn.received).toHaveLength(2);
  });
});

describe("insights.invoicesAtRisk", () => {
  test("lists open invoices likely to be paid late, most likely first, with the reason", async () => {
    const answer = await callerWithRules(api, alice.owner, rules()).insights.invoicesAtRisk();
    if (answer.state !== "ok") throw new Error(`unavailable: ${answer.reason}`);

    expect(answer.invoices.map((invoice) => [invoice.id, invoice.customerName, invoice.band])).toEqual([
      [paulasOverdue.id, "Prompt Paula", "high"],
      [larrysOpen.id, "Late Larry", "high"],
    ]);
    const [overdue, larrys] = answer.invoices;
    expect(overdue?.probabilityLate).toBe(1);
    expect(overdue?.reason).toBe("Already 10 days past the due date (grace 0 days)");
    expect(larrys).toMatchObject({ number: larrysOpen.number, customerId: larry.id, currency: "USD" });
    expect(larrys?.probabilityLate).toBeGreaterThan(0.6);
    // Paula's invoice that is not yet due is low risk, so it is not listed.
  });

  test("sends only the organisation's own customers and invoices", async () => {
    standIn.received.length = 0;
    await callerWithRules(api, alice.owner, rules()).insights.invoicesAtRisk();
    const bobsAnswer = await callerWithRules(api, bob.owner, rules()).insights.invoicesAtRisk();

    const [forAlice, forBob] = standIn.received;
    expect(forAlice?.path).toBe("/v1/risk/late-payment");
    const alicesIds = namedIds(forAlice?.body);
    expect(alicesIds).toEqual(expect.arrayContaining([larry.id, paula.id, larrysOpen.id, paulasOverdue.id]));
    expect(alicesIds.every((id) => ids.alice.has(id))).toBe(true);
    expect(namedIds(forBob?.body).every((id) => ids.bob.has(id))).toBe(true);
    expect(bobsAnswer.state === "ok" && bobsAnswer.invoices.map((invoice) => invoice.customerId)).toEqual([
      bob.customer.id,
    ]);
  });
});

describe("when the service cannot answer", () => {
  test("without configuration both panels say so, and nothing is sent", async () => {
    standIn.received.length = 0;
    const caller = callerWithRules(api, alice.owner, defaultRulesConfig);
    expect(await caller.insights.reorderSoon()).toEqual({ state: "unavailable", reason: "not_configured" });
    expect(await caller.insights.invoicesAtRisk()).toEqual({
      state: "unavailable",
      reason: "not_configured",
    });
    expect(await alice.caller.insights.reorderSoon()).toEqual({
      state: "unavailable",
      reason: "not_configured",
    });
    expect(standIn.received).toHaveLength(0);
  });

  test("a wrong service token is refused by the service and answered as unavailable", async () => {
    const wrong = rulesFor(standIn.url, { token: `${service.token}-wrong`, timeoutMs: TIMEOUT_MS });
    expect(await callerWithRules(api, alice.owner, wrong).insights.reorderSoon()).toEqual({
      state: "unavailable",
      reason: "rejected",
    });
  });

  test("a limit outside 1–50 is refused, naming the field", async () => {
    await expect(
      callerWithRules(api, alice.owner, rules()).insights.reorderSoon({ limit: 0 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("limit") });
  });
});
