import type { components } from "./generated/schema";

type Schemas = components["schemas"];

export type StockOutForecastRequest = Schemas["StockOutForecastRequest"];
export type StockOutForecastResponse = Schemas["StockOutForecastResponse"];
export type ProductForecast = Schemas["ProductForecast"];
export type LatePaymentRiskRequest = Schemas["LatePaymentRiskRequest"];
export type LatePaymentRiskResponse = Schemas["LatePaymentRiskResponse"];
export type InvoiceRisk = Schemas["InvoiceRisk"];
export type ValidationErrorResponse = Schemas["HTTPValidationError"];
