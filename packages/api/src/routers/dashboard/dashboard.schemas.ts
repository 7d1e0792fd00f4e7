import { z } from "zod";

const currency = z.string().length(3);
const minor = z.number().int();

/** One bucket of a series: the UTC week (from Monday) or month that starts at `start`. */
const bucket = z.object({ start: z.date(), totalMinor: minor, count: z.number().int() });
/** A series per currency, every bucket of the range present, empty ones as zero. */
export const bucketSeries = z.array(z.object({ currency, buckets: z.array(bucket) }));

/** Issued invoices per currency: how many, and what is still owed on them. */
const invoiceTotals = z.array(z.object({ currency, count: z.number().int(), balanceMinor: minor }));

export const dashboardOverviewOutput = z.object({
  /** Orders placed and not cancelled, by when they were placed: the sales reports' definition. */
  sales: z.object({ weeks: bucketSeries, months: bucketSeries }),
  openInvoices: invoiceTotals,
  /** Open invoices the daily run has marked overdue. */
  overdueInvoices: invoiceTotals,
  lowStock: z.object({
    threshold: z.number().int(),
    count: z.number().int(),
    products: z.array(
      z.object({ id: z.string(), sku: z.string(), name: z.string(), stock: z.number().int() }),
    ),
  }),
  recentOrders: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["draft", "placed", "paid", "fulfilled", "cancelled"]),
      currency: currency.nullable(),
      totalMinor: minor,
      createdAt: z.date(),
      customer: z.object({ id: z.string(), name: z.string() }),
    }),
  ),
  /** By sales over the months the chart shows, per currency. */
  topCustomers: z.array(
    z.object({ id: z.string(), name: z.string(), currency, totalMinor: minor, orders: z.number().int() }),
  ),
});

/** Money received, for those who may see payments. */
export const dashboardCashOutput = z.object({
  received: z.object({ weeks: bucketSeries, months: bucketSeries }),
});

export type DashboardOverview = z.infer<typeof dashboardOverviewOutput>;
export type DashboardCash = z.infer<typeof dashboardCashOutput>;
export type BucketSeries = z.infer<typeof bucketSeries>;
