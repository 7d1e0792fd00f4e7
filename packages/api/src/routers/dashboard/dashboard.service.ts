import { LOW_STOCK_THRESHOLD } from "@tally/validators";
import type { OrgContext } from "../../trpc.ts";
import { bucketTotals, receivedSource, salesSource, seriesStart } from "./dashboard.buckets.ts";
import type { DashboardCash, DashboardOverview } from "./dashboard.schemas.ts";
import { recentOrderSelect } from "./dashboard.select.ts";

const RECENT_ORDERS = 8;
const LOW_STOCK_SHOWN = 8;
const TOP_CUSTOMERS = 5;

/**
 * Everything a member sees on the home page, each figure aggregated in the
 * database and scoped to the caller's organisation. The queries are
 * independent, so they run side by side.
 */
export async function getDashboardOverview(ctx: OrgContext, now = new Date()): Promise<DashboardOverview> {
  const organizationId = ctx.org.id;
  const [weeks, months, openInvoices, overdueInvoices, lowStock, recentOrders, topCustomers] =
    await Promise.all([
      bucketTotals(ctx, "week", now, salesSource(organizationId)),
      bucketTotals(ctx, "month", now, salesSource(organizationId)),
      invoiceTotals(ctx, false),
      invoiceTotals(ctx, true),
      lowStockProducts(ctx),
      ctx.db.order.findMany({
        where: { organizationId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_ORDERS,
        select: recentOrderSelect,
      }),
      topCustomersSince(ctx, seriesStart("month", now)),
    ]);
  return {
    sales: { weeks, months },
    openInvoices,
    overdueInvoices,
    lowStock,
    recentOrders,
    topCustomers,
  };
}

/** Money received: payments are for admins and owners, so this is a procedure of its own. */
export async function getDashboardCash(ctx: OrgContext, now = new Date()): Promise<DashboardCash> {
  const [weeks, months] = await Promise.all([
    bucketTotals(ctx, "week", now, receivedSource(ctx.org.id)),
    bucketTotals(ctx, "month", now, receivedSource(ctx.org.id)),
  ]);
  return { received: { weeks, months } };
}

/** Issued (not paid, not void) invoices per currency, and what is still owed on them. */
async function invoiceTotals(ctx: OrgContext, overdueOnly: boolean) {
  const groups = await ctx.db.invoice.groupBy({
    by: ["currency"],
    where: {
      organizationId: ctx.org.id,
      status: "issued",
      ...(overdueOnly ? { overdueAt: { not: null } } : {}),
    },
    _count: { _all: true },
    _sum: { totalMinor: true, paidMinor: true },
    orderBy: { currency: "asc" },
  });
  return groups.map((group) => ({
    currency: group.currency,
    count: group._count._all,
    balanceMinor: (group._sum.totalMinor ?? 0) - (group._sum.paidMinor ?? 0),
  }));
}

async function lowStockProducts(ctx: OrgContext) {
  const where = { organizationId: ctx.org.id, archivedAt: null, stock: { lte: LOW_STOCK_THRESHOLD } };
  const [count, products] = await Promise.all([
    ctx.db.product.count({ where }),
    ctx.db.product.findMany({
      where,
      orderBy: [{ stock: "asc" }, { name: "asc" }, { id: "asc" }],
      take: LOW_STOCK_SHOWN,
      select: { id: true, sku: true, name: true, stock: true },
    }),
  ]);
  return { threshold: LOW_STOCK_THRESHOLD, count, products };
}

/** The biggest buyers since `since`, by what they ordered (placed and not cancelled), per currency. */
async function topCustomersSince(ctx: OrgContext, since: Date) {
  const groups = await ctx.db.order.groupBy({
    by: ["customerId", "currency"],
    where: {
      organizationId: ctx.org.id,
      status: { in: ["placed", "paid", "fulfilled"] },
      placedAt: { gte: since },
    },
    _sum: { totalMinor: true },
    _count: { _all: true },
    orderBy: [{ _sum: { totalMinor: "desc" } }, { customerId: "asc" }],
    take: TOP_CUSTOMERS,
  });
  const customers = await ctx.db.customer.findMany({
    where: { organizationId: ctx.org.id, id: { in: groups.map((group) => group.customerId) } },
    select: { id: true, name: true },
  });
  const names = new Map(customers.map((customer) => [customer.id, customer.name]));
  return groups.flatMap((group) =>
    group.currency
      ? [
          {
            id: group.customerId,
            name: names.get(group.customerId) ?? "",
            currency: group.currency,
            totalMinor: group._sum.totalMinor ?? 0,
            orders: group._count._all,
          },
        ]
      : [],
  );
}
