import type { Prisma } from "../client.ts";
import { type DemoCustomer, demoCustomers } from "./customers.ts";
import { type Random, seededRandom } from "./random.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** About six months of trading before today. */
export const DEMO_HISTORY_DAYS = 183;
/** The same seed, the same business: only the anchor day moves the dates. */
const DEMO_SEED = 20_260_101;
/** The app's own provider name: seeded payments are the ones its webhook would have recorded. */
const PAYMENT_PROVIDER = "psp";
const DUE_IN_DAYS = 30;

export type PlanProduct = { id: string; sku: string; name: string; priceMinor: number; currency: string };
export type PlanInput = {
  organizationId: string;
  /** The owner, who did the office work (placing, invoicing, fulfilling) in the story. */
  actorUserId: string | null;
  products: readonly PlanProduct[];
  taxRateBasisPoints: number;
  firstInvoiceNumber: number;
  now: Date;
};

export type BusinessPlan = {
  customers: Prisma.CustomerCreateManyInput[];
  orders: Prisma.OrderCreateManyInput[];
  lines: Prisma.OrderLineCreateManyInput[];
  invoices: Prisma.InvoiceCreateManyInput[];
  payments: Prisma.PaymentCreateManyInput[];
  audit: Prisma.AuditEventCreateManyInput[];
};

type PlannedPayment = { at: Date; amountMinor: number; failed?: boolean };

/**
 * The web app calls an order by the last 8 characters of its id ("#3FA2B19C"):
 * a hash of the order's place in the story, so references look like the
 * app's own and stay the same from run to run.
 */
function orderSuffix(index: number): string {
  let hash = 0x811c9dc5;
  for (const char of `tally-demo-order-${index}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // FNV alone leaves neighbouring indexes with look-alike prefixes: finish with murmur3's mix.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return ((hash ^ (hash >>> 16)) >>> 0).toString(16).padStart(8, "0");
}

/** The same rule as the orders service: tax once on the subtotal, rounded half up. */
function taxOn(subtotalMinor: number, taxRateBasisPoints: number) {
  return Math.round((subtotalMinor * taxRateBasisPoints) / 10_000);
}

/**
 * A pure function of its input: six months of a small stationery supplier's
 * trade, every row consistent with what the services would have written —
 * totals from lines, invoices numbered in order of issue, balances equal to
 * the sum of succeeded payments, statuses and time stamps in the order the
 * rules allow, an audit row for each step. Nothing happens after `now`.
 */
export function planDemoBusiness(input: PlanInput): BusinessPlan {
  const random = seededRandom(DEMO_SEED);
  const customers = demoCustomers(random);
  const today = Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate());
  const now = input.now.getTime();
  const plan: BusinessPlan = {
    customers: customers.map(({ habit: _habit, weight: _weight, ...customer }) => ({
      ...customer,
      organizationId: input.organizationId,
      createdAt: new Date(today - (DEMO_HISTORY_DAYS + 14) * DAY),
      updatedAt: new Date(today - (DEMO_HISTORY_DAYS + 14) * DAY),
    })),
    orders: [],
    lines: [],
    invoices: [],
    payments: [],
    audit: [],
  };
  const weighted = customers.flatMap((customer) => Array.from({ length: customer.weight }, () => customer));
  const issued: Array<{ id: string; issuedAt: Date; build: (number: number) => void }> = [];
  const audit = (
    at: Date,
    action: string,
    targetType: string,
    targetId: string,
    details: object,
    actor = true,
  ) =>
    plan.audit.push({
      id: `demo_audit_${String(plan.audit.length + 1).padStart(5, "0")}`,
      organizationId: input.organizationId,
      actorUserId: actor ? input.actorUserId : null,
      action,
      targetType,
      targetId,
      details: details as Prisma.InputJsonObject,
      createdAt: at,
    });

  let orderCount = 0;
  for (let daysAgo = DEMO_HISTORY_DAYS; daysAgo >= 0; daysAgo--) {
    const day = today - daysAgo * DAY;
    const weekday = new Date(day).getUTCDay();
    const ordersToday = weekday === 0 || weekday === 6 ? random.int(0, 1) : random.int(1, 3);
    for (let n = 0; n < ordersToday; n++) {
      const createdAt = new Date(day + random.int(8 * 60, 16 * 60) * 60_000);
      if (createdAt.getTime() > now - HOUR) continue;
      orderCount++;
      const customer = random.pick(weighted);
      const orderId = `demo_order_${orderSuffix(orderCount)}`;
      planOrder({ input, random, plan, audit, issued, now, customer, orderId, createdAt });
    }
  }

  // Numbers follow the order of issue, as the counter hands them out.
  issued.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.id.localeCompare(b.id));
  issued.forEach((invoice, index) => {
    invoice.build(input.firstInvoiceNumber + index);
  });
  plan.audit.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  return plan;
}

type OrderStory = {
  input: PlanInput;
  random: Random;
  plan: BusinessPlan;
  audit: (
    at: Date,
    action: string,
    targetType: string,
    targetId: string,
    details: object,
    actor?: boolean,
  ) => void;
  issued: Array<{ id: string; issuedAt: Date; build: (number: number) => void }>;
  now: number;
  customer: DemoCustomer;
  orderId: string;
  createdAt: Date;
};

function planOrder({ input, random, plan, audit, issued, now, customer, orderId, createdAt }: OrderStory) {
  const { organizationId } = input;
  const age = (now - createdAt.getTime()) / DAY;
  const chosen = new Set<PlanProduct>();
  const lineCount = random.int(1, 4);
  while (chosen.size < lineCount) chosen.add(random.pick(input.products));
  const lines = [...chosen].map((product, index) => {
    const quantity = random.int(1, product.priceMinor > 5_000 ? 3 : 20);
    return {
      id: `${orderId}_line_${index + 1}`,
      organizationId,
      orderId,
      productId: product.id,
      sku: product.sku,
      productName: product.name,
      unitPriceMinor: product.priceMinor,
      quantity,
      lineTotalMinor: product.priceMinor * quantity,
      createdAt,
    };
  });
  plan.lines.push(...lines);
  const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  const taxMinor = taxOn(subtotalMinor, input.taxRateBasisPoints);
  const totalMinor = subtotalMinor + taxMinor;
  const currency = input.products[0]?.currency ?? "USD";
  const order: Prisma.OrderCreateManyInput = {
    id: orderId,
    organizationId,
    customerId: customer.id,
    status: "draft",
    currency,
    subtotalMinor,
    taxRateBasisPoints: input.taxRateBasisPoints,
    taxMinor,
    totalMinor,
    version: 1 + lines.length,
    createdAt,
    updatedAt: createdAt,
  };
  plan.orders.push(order);
  audit(createdAt, "order.created", "order", orderId, {});
  const step = (status: "placed" | "paid" | "fulfilled" | "cancelled", at: Date, actor = true) => {
    audit(
      at,
      `order.${status === "paid" ? "paid" : status}`,
      "order",
      orderId,
      { from: order.status, to: status },
      actor,
    );
    order.status = status;
    order.version = (order.version ?? 1) + 1;
    order.updatedAt = at;
    order[`${status}At`] = at;
  };

  // Recent orders are still being put together; a few older ones were abandoned.
  if ((age < 4 && random.chance(0.45)) || random.chance(0.02)) return;
  const placedAt = new Date(createdAt.getTime() + random.int(20, 240) * 60_000);
  if (placedAt.getTime() > now) return;
  step("placed", placedAt);
  if (random.chance(0.05)) {
    const cancelledAt = new Date(placedAt.getTime() + random.int(1, 48) * HOUR);
    if (cancelledAt.getTime() < now) step("cancelled", cancelledAt);
    return;
  }
  const issuedAt = new Date(placedAt.getTime() + random.int(10, 180) * 60_000);
  if (issuedAt.getTime() > now) return;
  const voided = age > 10 && random.chance(0.04);
  const payments = voided ? [] : plannedPayments(random, customer, issuedAt, totalMinor, now);
  const invoiceId = `${orderId}_invoice`;

  issued.push({
    id: invoiceId,
    issuedAt,
    build: (number) => {
      const invoice: Prisma.InvoiceCreateManyInput = {
        id: invoiceId,
        organizationId,
        orderId,
        number,
        status: "issued",
        currency,
        totalMinor,
        paidMinor: 0,
        issuedAt,
        dueAt: new Date(issuedAt.getTime() + DUE_IN_DAYS * DAY),
        version: 1,
      };
      plan.invoices.push(invoice);
      audit(issuedAt, "invoice.issued", "invoice", invoiceId, { number, orderId, totalMinor, currency });
      if (voided) {
        const voidedAt = new Date(issuedAt.getTime() + random.int(1, 5) * DAY);
        invoice.status = "void";
        invoice.voidedAt = voidedAt;
        invoice.version = 2;
        audit(voidedAt, "invoice.voided", "invoice", invoiceId, { number });
        step("cancelled", new Date(voidedAt.getTime() + HOUR));
        return;
      }
      settle(invoice, payments);
    },
  });

  function settle(invoice: Prisma.InvoiceCreateManyInput, payments: PlannedPayment[]) {
    payments.forEach((payment, index) => {
      const paymentId = `${invoiceId}_payment_${index + 1}`;
      plan.payments.push({
        id: paymentId,
        organizationId,
        invoiceId,
        provider: PAYMENT_PROVIDER,
        providerPaymentId: `pi_demo_${orderId.slice(-8)}_${index + 1}`,
        status: payment.failed ? "failed" : "succeeded",
        amountMinor: payment.amountMinor,
        currency,
        receivedAt: payment.at,
      });
      audit(
        payment.at,
        payment.failed ? "payment.failed" : "payment.succeeded",
        "payment",
        paymentId,
        { invoiceId, amountMinor: payment.amountMinor, currency },
        false,
      );
      if (payment.failed) return;
      invoice.paidMinor = (invoice.paidMinor ?? 0) + payment.amountMinor;
      invoice.version = (invoice.version ?? 1) + 1;
      if (invoice.status === "issued" && invoice.paidMinor >= totalMinor) {
        invoice.status = "paid";
        invoice.paidAt = payment.at;
        audit(
          payment.at,
          "invoice.paid",
          "invoice",
          invoiceId,
          {
            number: invoice.number,
            paidMinor: invoice.paidMinor,
            totalMinor,
          },
          false,
        );
        step("paid", payment.at, false);
        const fulfilledAt = new Date(payment.at.getTime() + random.int(4, 72) * HOUR);
        if (fulfilledAt.getTime() < now && random.chance(0.9)) step("fulfilled", fulfilledAt);
      }
    });
    // The daily run (00:10 UTC) marks what is still unpaid the night after its due date.
    const dueAt = (invoice.dueAt as Date).getTime();
    const markedAt = new Date(Math.floor(dueAt / DAY) * DAY + DAY + 10 * 60_000);
    const paidAt = (invoice.paidAt as Date | undefined)?.getTime() ?? Number.POSITIVE_INFINITY;
    if (markedAt.getTime() < Math.min(now, paidAt)) {
      invoice.overdueAt = markedAt;
      invoice.version = (invoice.version ?? 1) + 1;
      audit(markedAt, "invoice.overdue", "invoice", invoiceId, { number: invoice.number }, false);
    }
  }
}

/** When and how much a customer pays, by habit; only what has happened by `now`. */
function plannedPayments(
  random: Random,
  customer: DemoCustomer,
  issuedAt: Date,
  totalMinor: number,
  now: number,
): PlannedPayment[] {
  const after = (days: number) => new Date(issuedAt.getTime() + days * DAY + random.int(0, 8) * HOUR);
  const planned: PlannedPayment[] = [];
  if (random.chance(0.06))
    planned.push({ at: after(random.int(1, 5)), amountMinor: totalMinor, failed: true });
  switch (customer.habit) {
    case "prompt":
      planned.push({ at: after(random.int(3, 25)), amountMinor: totalMinor });
      break;
    case "late":
      planned.push({ at: after(random.int(25, 60)), amountMinor: totalMinor });
      break;
    case "partial": {
      const first = Math.round(totalMinor * (random.int(30, 60) / 100));
      planned.push({ at: after(random.int(10, 30)), amountMinor: first });
      planned.push({ at: after(random.int(40, 80)), amountMinor: totalMinor - first });
      break;
    }
    case "defaulting":
      if (random.chance(0.5)) {
        planned.push({ at: after(random.int(20, 50)), amountMinor: Math.round(totalMinor * 0.25) });
      }
      break;
  }
  const happened = planned.filter((payment) => payment.at.getTime() <= now);
  happened.sort((a, b) => a.at.getTime() - b.at.getTime());
  return happened;
}
