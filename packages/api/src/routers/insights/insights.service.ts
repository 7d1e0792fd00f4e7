import { latePaymentRiskResponse, stockOutForecastResponse } from "@tally/insights-contract";
import type { InvoicesAtRiskInput, ReorderSoonInput } from "@tally/validators";
import type { OrgContext } from "../../trpc.ts";
import { type InsightsClient, insightsClientFor, type UnavailableReason } from "./insights-client.ts";
import {
  ASSUMED_LEAD_TIME_DAYS,
  type OpenInvoiceFacts,
  type ProductFacts,
  paymentHistory,
  SALES_WINDOW_DAYS,
  salesHistory,
} from "./insights-history.ts";

export type Unavailable = { state: "unavailable"; reason: UnavailableReason };

export type ReorderRow = ProductFacts & {
  /** Null when nothing sells; such products never appear here. */
  daysUntilStockOut: number;
  stockOutBeforeDelivery: boolean;
  meanDailyDemand: number;
  reorder: { quantity: number; low: number; high: number; confidence: number };
  explanation: string;
};

export type ReorderSoon =
  | {
      state: "ok";
      computedAt: Date;
      assumptions: { leadTimeDays: number; salesWindowDays: number };
      products: ReorderRow[];
    }
  | Unavailable;

export type InvoiceAtRisk = OpenInvoiceFacts & {
  probabilityLate: number;
  band: "medium" | "high";
  /** The strongest reason, in words. */
  reason: string;
};

export type InvoicesAtRisk = { state: "ok"; computedAt: Date; invoices: InvoiceAtRisk[] } | Unavailable;

type ReorderAnswer = { computedAt: Date; products: ReorderRow[] };
type RiskAnswer = { computedAt: Date; invoices: InvoiceAtRisk[] };

/**
 * The client for this process's configuration, or why there is none. A circuit
 * that is open answers here, before any history is read: a service that is
 * down costs the database nothing.
 */
function reachableClient(ctx: OrgContext): InsightsClient | Unavailable {
  if (!ctx.config.insights) return { state: "unavailable", reason: "not_configured" };
  const client = insightsClientFor(ctx.config.insights);
  if (client.circuitOpen) return { state: "unavailable", reason: "circuit_open" };
  return client;
}

function unavailable(ctx: OrgContext, path: string, reason: UnavailableReason): Unavailable {
  ctx.log.warn(
    { requestId: ctx.requestId, path, organizationId: ctx.org.id, reason },
    "insights unavailable",
  );
  return { state: "unavailable", reason };
}

/**
 * Products whose stock will not cover demand until a reorder placed now
 * arrives and lasts a review period, soonest to run out first. The answer for
 * the organisation is cached for a few minutes (insights-client.ts).
 */
export async function reorderSoon(ctx: OrgContext, input: ReorderSoonInput): Promise<ReorderSoon> {
  const client = reachableClient(ctx);
  if ("state" in client) return client;
  const answer = await client.remember<ReorderAnswer>(`${ctx.org.id}:reorderSoon`, async () => {
    const now = new Date();
    const { request, facts } = await salesHistory(ctx.db, ctx.org.id, now);
    if (request.products.length === 0) return { ok: true, value: { computedAt: now, products: [] } };
    const result = await client.post("/v1/forecasts/stock-out", request, stockOutForecastResponse);
    if (!result.ok) return result;
    const products = result.value.forecasts.flatMap((forecast): ReorderRow[] => {
      const product = facts.get(forecast.product_id);
      if (!product || forecast.days_until_stockout === null || forecast.reorder.quantity === 0) return [];
      const { quantity, low, high, confidence } = forecast.reorder;
      return [
        {
          ...product,
          daysUntilStockOut: forecast.days_until_stockout,
          stockOutBeforeDelivery: forecast.stockout_before_delivery,
          meanDailyDemand: forecast.demand.mean_daily,
          reorder: { quantity, low, high, confidence },
          explanation: forecast.explanation,
        },
      ];
    });
    products.sort((a, b) => a.daysUntilStockOut - b.daysUntilStockOut || a.name.localeCompare(b.name));
    return { ok: true, value: { computedAt: now, products } };
  });
  if (!answer.ok) return unavailable(ctx, "insights.reorderSoon", answer.reason);
  return {
    state: "ok",
    computedAt: answer.value.computedAt,
    assumptions: { leadTimeDays: ASSUMED_LEAD_TIME_DAYS, salesWindowDays: SALES_WINDOW_DAYS },
    products: answer.value.products.slice(0, input.limit),
  };
}

/** Open invoices likely to be paid late (medium or high risk), most likely first. */
export async function invoicesAtRisk(ctx: OrgContext, input: InvoicesAtRiskInput): Promise<InvoicesAtRisk> {
  const client = reachableClient(ctx);
  if ("state" in client) return client;
  const answer = await client.remember<RiskAnswer>(`${ctx.org.id}:invoicesAtRisk`, async () => {
    const now = new Date();
    const { request, facts } = await paymentHistory(ctx.db, ctx.org.id, now);
    if (request.customers.length === 0) return { ok: true, value: { computedAt: now, invoices: [] } };
    const result = await client.post("/v1/risk/late-payment", request, latePaymentRiskResponse);
    if (!result.ok) return result;
    const invoices = result.value.invoices.flatMap((risk): InvoiceAtRisk[] => {
      const invoice = facts.get(risk.invoice_id);
      if (!invoice || risk.band === "low") return [];
      return [
        {
          ...invoice,
          probabilityLate: risk.probability_late,
          band: risk.band,
          reason: risk.factors[0]?.description ?? "",
        },
      ];
    });
    invoices.sort((a, b) => b.probabilityLate - a.probabilityLate || a.dueAt.getTime() - b.dueAt.getTime());
    return { ok: true, value: { computedAt: now, invoices } };
  });
  if (!answer.ok) return unavailable(ctx, "insights.invoicesAtRisk", answer.reason);
  return {
    state: "ok",
    computedAt: answer.value.computedAt,
    invoices: answer.value.invoices.slice(0, input.limit),
  };
}
