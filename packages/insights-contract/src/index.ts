export type { components, operations, paths } from "./generated/schema";
export { latePaymentRiskResponse, stockOutForecastResponse } from "./insights.responses";
export type * from "./insights.types";
