/**
 * Properties of money and state. Totals and tax against an independent
 * integer oracle; then random sequences of what users and the payment
 * provider do to orders and invoices (add lines, place, cancel, fulfil,
 * issue, pay part, pay all, pay too much, pay in another currency, void),
 * run through the procedures on a real database, with the invariants checked
 * in SQL after every step: stock never negative and always conserved, totals
 * that match their lines, invoice numbers without a gap, balances that equal
 * the payments, and statuses that agree with the money.
 */
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { computeTotals } from "./routers/orders/orders.totals.ts";
import { receivePaymentEvent } from "./routers/payments/payment-events.service.ts";
import { createTestApi, type TestApi } from "./testing/index.ts";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20261201;
const MAX_ORDER_TOTAL_MINOR = 1_000_000_000;

/** Half up, in integers: what a clerk with a pencil would write. */
function oracleTotals(lines: Array<{ unitPriceMinor: number; quantity: number }>, basisPoints: number) {
  const subtotal = lines.reduce((sum, line) => sum + BigInt(line.unitPriceMinor) * BigInt(line.quantity), 0n);
  const tax = (subtotal * BigInt(basisPoints) + 5_000n) / 10_000n;
  return { subtotalMinor: subtotal, taxMinor: tax, totalMinor: subtotal + tax };
}

test("totals: tax once on the subtotal, half up, exactly as integers would have it; past the column's range refused", () => {
  const line = fc.record({
    unitPriceMinor: fc.integer({ min: 0, max: 100_000_000 }),
    quantity: fc.integer({ min: 1, max: 10_000 }),
  });
  fc.assert(
    fc.property(
      fc.array(line, { maxLength: 8 }),
      fc.integer({ min: 0, max: 10_000 }),
      (lines, basisPoints) => {
        const expected = oracleTotals(lines, basisPoints);
        if (expected.totalMinor > BigInt(MAX_ORDER_TOTAL_MINOR)) {
          expect(() => computeTotals(lines, basisPoints)).toThrow(/may not exceed/);
          return;
        }
        expect(computeTotals(lines, basisPoints)).toEqual({
          subtotalMinor: Number(expected.subtotalMinor),
          taxMinor: Number(expected.taxMinor),
          totalMinor: Number(expected.totalMinor),
        });
      },
    ),
    { numRuns: 2_000, seed: SEED },
  );
});

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const INITIAL_STOCK = 6;
const PRODUCTS = 2;

type Action =
  | { kind: "order" }
  | { kind: "add"; order: number; product: number; quantity: number }
  | { kind: "place" | "fulfil" | "issue"; order: number }
  /** `placedFirst`: aim at the newest placed order with no invoice in force, the one cancel must restock. */
  | { kind: "cancel"; order: number; placedFirst: boolean }
  | { kind: "pay"; invoice: number; share: "part" | "rest" | "over" | "foreign" }
  | { kind: "void"; invoice: number };

// Counted back from the newest, so most steps act on the orders and invoices just made.
const slot = fc.nat({ max: 2 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Action>({ kind: "order" }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      order: slot,
      product: fc.nat({ max: PRODUCTS - 1 }),
      quantity: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("place" as const), order: slot }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("issue" as const), order: slot }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("cancel" as const), order: slot, placedFirst: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fulfil" as const), order: slot }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      invoice: slot,
      share: fc.constantFrom("part" as const, "rest" as const, "over" as const, "foreign" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("void" as const), invoice: slot }) },
);

/** What a refusal may be: the rules saying no, never a failure. */
const REFUSALS = new Set(["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED"]);

async function world() {
  const org = await api.organisation("Properties");
  await org.caller.org.settings.update({ taxRateBasisPoints: 1_950 });
  const products = [];
  for (let index = 0; index < PRODUCTS; index++) {
    products.push(
      await org.caller.catalog.products.create({
        sku: `P-${index}-${randomUUID().slice(0, 6)}`,
        name: `Product ${index}`,
        priceMinor: 333 + index * 1_001,
        currency: "USD",
        stock: INITIAL_STOCK,
      }),
    );
  }
  const customer = await org.caller.customers.create({ name: "Property customer" });
  return { org, products, customer, orders: [] as string[], invoices: [] as string[] };
}

/** Does one step; some say more precisely what they did, for the coverage check. */
async function perform(w: Awaited<ReturnType<typeof world>>, step: Action): Promise<string | undefined> {
  const { caller } = w.org;
  const newest = <T>(list: T[], back: number) => list[list.length - 1 - (back % Math.max(1, list.length))];
  const orderId = "order" in step ? newest(w.orders, step.order) : undefined;
  const invoiceId = "invoice" in step ? newest(w.invoices, step.invoice) : undefined;
  switch (step.kind) {
    case "order":
      w.orders.push((await caller.orders.create({ customerId: w.customer.id })).id);
      return;
    case "add": {
      if (!orderId) return;
      const order = await caller.orders.get({ id: orderId });
      const product = w.products[step.product];
      await caller.orders.addItem({
        orderId,
        version: order.version,
        productId: product?.id ?? "",
        quantity: step.quantity,
      });
      return;
    }
    case "cancel": {
      const placed = step.placedFirst
        ? await api.db.order.findFirst({
            where: {
              organizationId: w.org.id,
              status: "placed",
              invoices: { none: { status: { not: "void" } } },
            },
            orderBy: { createdAt: "desc" },
            select: { id: true },
          })
        : null;
      const target = placed?.id ?? orderId;
      if (!target) return;
      const { status } = await caller.orders.get({ id: target });
      await caller.orders.cancel({ orderId: target });
      return `cancel ${status}`;
    }
    case "place":
    case "fulfil":
      if (orderId) await caller.orders[step.kind]({ orderId });
      return;
    case "issue":
      if (orderId) w.invoices.push((await caller.invoices.issue({ orderId })).id);
      return;
    case "void":
      if (invoiceId) await caller.invoices.void({ invoiceId });
      return;
    case "pay": {
      if (!invoiceId) return;
      const invoice = await caller.invoices.get({ id: invoiceId });
      const owed = invoice.totalMinor - invoice.paidMinor;
      const amountMinor =
        step.share === "part"
          ? Math.max(1, Math.floor(owed / 3))
          : step.share === "over"
            ? owed + 500
            : Math.max(1, owed);
      const event = {
        id: `evt_${randomUUID()}`,
        type: "payment.succeeded",
        data: {
          invoiceId,
          amountMinor,
          currency: step.share === "foreign" ? "EUR" : invoice.currency,
          paymentId: `pay_${randomUUID()}`,
        },
      };
      // Refused payments (a void invoice, too much, another currency) are recorded as such; none may break a rule.
      await receivePaymentEvent(api.db, event, randomUUID());
      return;
    }
  }
}

/** Every rule about money and state, read back from the rows. */
async function checkInvariants(organizationId: string, label: string) {
  const [stock] = await api.db.$queryRaw<Array<{ negative: number; unbalanced: number }>>`
    SELECT count(*) FILTER (WHERE p.stock < 0)::int AS negative,
           count(*) FILTER (WHERE p.stock + coalesce(r.reserved, 0) <> ${INITIAL_STOCK})::int AS unbalanced
    FROM product p
    LEFT JOIN (SELECT l."productId", sum(l.quantity)::int AS reserved
               FROM order_line l JOIN "order" o ON o.id = l."orderId"
               WHERE o.status IN ('placed', 'paid', 'fulfilled') GROUP BY l."productId") r ON r."productId" = p.id
    WHERE p."organizationId" = ${organizationId}`;
  expect(stock, `${label}: stock`).toEqual({ negative: 0, unbalanced: 0 });

  const orders = await api.db.order.findMany({
    where: { organizationId },
    select: {
      id: true,
      status: true,
      subtotalMinor: true,
      taxMinor: true,
      totalMinor: true,
      taxRateBasisPoints: true,
      lines: true,
    },
  });
  for (const order of orders) {
    const expected = oracleTotals(order.lines, order.taxRateBasisPoints);
    expect(
      { subtotalMinor: order.subtotalMinor, taxMinor: order.taxMinor, totalMinor: order.totalMinor },
      `${label}: totals of ${order.id}`,
    ).toEqual({
      subtotalMinor: Number(expected.subtotalMinor),
      taxMinor: Number(expected.taxMinor),
      totalMinor: Number(expected.totalMinor),
    });
    for (const line of order.lines) expect(line.lineTotalMinor).toBe(line.unitPriceMinor * line.quantity);
  }

  const invoices = await api.db.invoice.findMany({
    where: { organizationId },
    select: {
      id: true,
      orderId: true,
      number: true,
      status: true,
      totalMinor: true,
      paidMinor: true,
      order: { select: { status: true, totalMinor: true } },
      payments: { select: { status: true, amountMinor: true } },
    },
    orderBy: { number: "asc" },
  });
  expect(
    invoices.map((invoice) => invoice.number),
    `${label}: invoice numbers`,
  ).toEqual(invoices.map((_, index) => index + 1));
  const counter = await api.db.invoiceCounter.findUnique({ where: { organizationId } });
  expect(counter?.lastNumber ?? 0, `${label}: invoice counter`).toBe(invoices.length);
  for (const invoice of invoices) {
    const paid = invoice.payments
      .filter((payment) => payment.status === "succeeded")
      .reduce((sum, payment) => sum + payment.amountMinor, 0);
    expect(invoice.paidMinor, `${label}: balance of invoice ${invoice.number}`).toBe(paid);
    expect(invoice.paidMinor).toBeLessThanOrEqual(invoice.totalMinor);
    expect(invoice.totalMinor).toBe(invoice.order.totalMinor);
    if (invoice.status === "paid") {
      expect(invoice.paidMinor, `${label}: paid invoice ${invoice.number}`).toBe(invoice.totalMinor);
      expect(["paid", "fulfilled"]).toContain(invoice.order.status);
    }
    if (invoice.status === "issued") expect(invoice.paidMinor).toBeLessThan(invoice.totalMinor);
  }
  // At most one invoice in force per order.
  const inForce = invoices.filter((invoice) => invoice.status !== "void").map((invoice) => invoice.orderId);
  expect(new Set(inForce).size).toBe(inForce.length);
}

// 25 sequences of up to 40 actions, each checked in SQL: about half a minute on a busy machine, so it has its own limit.
const SEQUENCES_TIMEOUT_MS = 180_000;

test(
  "random sequences of actions on orders and invoices never break a rule about money or stock",
  async () => {
    const outcomes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (steps) => {
        const w = await world();
        for (const [index, step] of steps.entries()) {
          const label = `step ${index} ${JSON.stringify(step)}`;
          try {
            const done = (await perform(w, step)) ?? step.kind;
            outcomes[`${done} ok`] = (outcomes[`${done} ok`] ?? 0) + 1;
          } catch (error) {
            if (!(error instanceof TRPCError) || !REFUSALS.has(error.code)) throw error;
            outcomes[`${step.kind} ${error.code}`] = (outcomes[`${step.kind} ${error.code}`] ?? 0) + 1;
          }
          await checkInvariants(w.org.id, label);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // The sequences reached the interesting states, not only refusals.
    for (const reached of [
      "add ok",
      "place ok",
      "issue ok",
      "pay ok",
      "fulfil ok",
      "void ok",
      "cancel draft ok",
      "cancel placed ok",
    ])
      expect(outcomes[reached] ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(0);
  },
  SEQUENCES_TIMEOUT_MS,
);
