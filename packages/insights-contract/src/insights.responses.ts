import { z } from "zod";
import type { LatePaymentRiskResponse, StockOutForecastResponse } from "./insights.types";

/** What the service answers, checked at the boundary: a service that drifts from its contract is an error
 *  here, not a wrong number on a dashboard. The type assertions below fail typecheck when these schemas
 *  and the generated types disagree. */

const demandEstimate = z.object({
  mean_daily: z.number().min(0),
  std_daily: z.number().min(0),
  days_observed: z.int().min(1),
  method: z.enum(["window_mean", "short_history", "no_demand"]),
});

const reorderSuggestion = z.object({
  quantity: z.int().min(0),
  low: z.int().min(0),
  high: z.int().min(0),
  confidence: z.number().min(0).max(1),
  safety_stock: z.number().min(0),
  horizon_days: z.int().min(0),
});

const productForecast = z.object({
  product_id: z.string(),
  demand: demandEstimate,
  days_until_stockout: z.number().min(0).nullable(),
  stockout_before_delivery: z.boolean(),
  reorder: reorderSuggestion,
  explanation: z.string(),
});

export const stockOutForecastResponse = z.object({
  model_version: z.literal("stock-out/1"),
  forecasts: z.array(productForecast),
});

const riskFactor = z.object({
  code: z.enum(["payment_history", "thin_history", "amount", "payment_terms", "already_overdue"]),
  direction: z.enum(["raises", "lowers"]),
  contribution: z.number().nullable(),
  description: z.string(),
});

const invoiceRisk = z.object({
  invoice_id: z.string(),
  customer_id: z.string(),
  probability_late: z.number().min(0).max(1),
  band: z.enum(["low", "medium", "high"]),
  history_invoices: z.int().min(0),
  factors: z.array(riskFactor),
});

export const latePaymentRiskResponse = z.object({
  model_version: z.literal("late-payment/1"),
  baseline_late_rate: z.number().min(0).max(1),
  invoices: z.array(invoiceRisk),
});

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type StockOutSchemaMatchesContract = Assert<
  Equal<z.infer<typeof stockOutForecastResponse>, StockOutForecastResponse>
>;
export type LatePaymentSchemaMatchesContract = Assert<
  Equal<z.infer<typeof latePaymentRiskResponse>, LatePaymentRiskResponse>
>;
