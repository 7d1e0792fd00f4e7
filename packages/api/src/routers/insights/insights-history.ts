import type { LatePaymentRiskRequest, StockOutForecastRequest } from "@tally/insights-contract";
import type { Db } from "../../transaction.ts";

const DAY_MS = 86_400_000;
/** Eight weeks of daily sales: long enough for a weekly rhythm to average out, short enough to follow a trend. */
export const SALES_WINDOW_DAYS = 56;
/** Tally does not record suppliers' lead times yet; a week is the assumption every forecast states. */
export const ASSUMED_LEAD_TIME_DAYS = 7;
/** The service's own request limits (apps/insights schemas): more is cut, most relevant first. */
const MAX_PRODUCTS = 1000;
const MAX_OPEN_INVOICES = 1000;
const MAX_HISTORY_PER_CUSTOMER = 2000;

export type ProductFacts = { id: string; sku: string; name: string; stock: number };

/** `YYYY-MM-DD` of a UTC day. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const startOfUtcDay = (date: Date) => new Date(Date.parse(utcDay(date)));

/**
 * The organisation's sales per product per UTC day, oldest first, for the
 * products it still sells that sold anything in the window (the others would
 * only come back "no demand"). A product newer than the window starts on the
 * day it was created, so its first weeks are not read as weeks without sales.
 */
export async function salesHistory(db: Db, organizationId: string, now: Date) {
  const today = startOfUtcDay(now);
  const windowStart = new Date(today.getTime() - (SALES_WINDOW_DAYS - 1) * DAY_MS);
  const rows = await db.$queryRaw<{ productId: string; day: string; units: number }[]>`
    SELECT l."productId", to_char(o."placedAt", 'YYYY-MM-DD') AS day, sum(l.quantity)::int AS units
    FROM "order" o
    JOIN order_line l ON l."orderId" = o.id
    JOIN product p ON p.id = l."productId" AND p."organizationId" = ${organizationId}
    WHERE o."organizationId" = ${organizationId} AND o.status IN ('placed', 'paid', 'fulfilled')
      AND o."placedAt" >= ${windowStart} AND p."archivedAt" IS NULL
    GROUP BY 1, 2`;
  const unitsByProduct = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const days = unitsByProduct.get(row.productId) ?? new Map<string, number>();
    days.set(row.day, row.units);
    unitsByProduct.set(row.productId, days);
  }
  const totals = [...unitsByProduct].map(([id, days]) => ({
    id,
    units: [...days.values()].reduce((sum, units) => sum + units, 0),
  }));
  const busiest = totals
    .sort((a, b) => b.units - a.units || a.id.localeCompare(b.id))
    .slice(0, MAX_PRODUCTS)
    .map(({ id }) => id);
  const products = await db.product.findMany({
    where: { organizationId, id: { in: busiest } },
    select: { id: true, sku: true, name: true, stock: true, createdAt: true },
  });

  const request: StockOutForecastRequest = {
    products: products.map((product) => {
      const first = Math.max(windowStart.getTime(), startOfUtcDay(product.createdAt).getTime());
      const days = unitsByProduct.get(product.id);
      const dailySales: number[] = [];
      for (let day = first; day <= today.getTime(); day += DAY_MS)
        dailySales.push(days?.get(utcDay(new Date(day))) ?? 0);
      return {
        product_id: product.id,
        daily_sales: dailySales,
        stock_on_hand: Math.max(0, product.stock),
        lead_time_days: ASSUMED_LEAD_TIME_DAYS,
      };
    }),
  };
  const facts = new Map<string, ProductFacts>(
    products.map(({ id, sku, name, stock }) => [id, { id, sku, name, stock }]),
  );
  return { request, facts };
}

export type OpenInvoiceFacts = {
  id: string;
  number: number;
  customerId: string;
  customerName: string;
  totalMinor: number;
  paidMinor: number;
  currency: string;
  dueAt: Date;
};

/**
 * The organisation's open invoices (issued, unpaid), and for each of their
 * customers every invoice they were sent that was not voided: paid ones with
 * the day they were paid, unpaid ones without (the service counts an unpaid
 * one already past due as late). Amounts are minor units: the model only
 * compares a customer's amounts with each other.
 */
export async function paymentHistory(db: Db, organizationId: string, now: Date) {
  const open = await db.invoice.findMany({
    where: { organizationId, status: "issued", totalMinor: { gt: 0 } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: MAX_OPEN_INVOICES,
    select: {
      id: true,
      number: true,
      totalMinor: true,
      paidMinor: true,
      currency: true,
      issuedAt: true,
      dueAt: true,
      order: { select: { customerId: true, customer: { select: { name: true } } } },
    },
  });
  const customerIds = [...new Set(open.map((invoice) => invoice.order.customerId))];
  const past = await db.invoice.findMany({
    where: {
      organizationId,
      status: { not: "void" },
      totalMinor: { gt: 0 },
      order: { customerId: { in: customerIds } },
    },
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
    select: {
      totalMinor: true,
      issuedAt: true,
      dueAt: true,
      paidAt: true,
      order: { select: { customerId: true } },
    },
  });

  const asOf = utcDay(now);
  const today = startOfUtcDay(now).getTime();
  const request: LatePaymentRiskRequest = {
    as_of: asOf,
    customers: customerIds.map((customerId) => ({
      customer_id: customerId,
      history: past
        .filter((invoice) => invoice.order.customerId === customerId)
        .slice(0, MAX_HISTORY_PER_CUSTOMER)
        .map((invoice) => ({
          amount: invoice.totalMinor,
          issue_date: utcDay(invoice.issuedAt),
          due_date: utcDay(laterOf(invoice.dueAt, invoice.issuedAt)),
          ...(invoice.paidAt ? { paid_date: utcDay(invoice.paidAt) } : {}),
        })),
      open_invoices: open
        .filter((invoice) => invoice.order.customerId === customerId)
        .map((invoice) => ({
          invoice_id: invoice.id,
          amount: invoice.totalMinor,
          issue_date: utcDay(invoice.issuedAt),
          due_date: utcDay(laterOf(invoice.dueAt, invoice.issuedAt)),
          days_overdue: Math.max(0, Math.floor((today - startOfUtcDay(invoice.dueAt).getTime()) / DAY_MS)),
        })),
    })),
  };
  const facts = new Map<string, OpenInvoiceFacts>(
    open.map((invoice) => [
      invoice.id,
      {
        id: invoice.id,
        number: invoice.number,
        customerId: invoice.order.customerId,
        customerName: invoice.order.customer.name,
        totalMinor: invoice.totalMinor,
        paidMinor: invoice.paidMinor,
        currency: invoice.currency,
        dueAt: invoice.dueAt,
      },
    ]),
  );
  return { request, facts };
}

/** The service refuses a due date before the issue date; a row edited by hand could have one. */
function laterOf(a: Date, b: Date) {
  return a.getTime() >= b.getTime() ? a : b;
}
