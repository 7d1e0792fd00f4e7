/**
 * HTTP in and out, for both hosts (the Next.js route files and apps/server):
 * everything between a request and a call of the rules in @tally/api.
 */

export {
  AUTH_BASE_PATH,
  isPublicAuthRequest,
  publicAuthHandler,
} from "./auth/public-auth-endpoints.ts";
export { type EventHub, openEventHub } from "./events/event-hub.ts";
export { type EventsConfig, eventsConfigFrom, eventsEnv } from "./events/events-config.ts";
export { EVENTS_CHANNEL } from "./events/wakeups.ts";
export { createInvoiceExportHandler, type InvoiceExportOptions } from "./exports/invoice-export.ts";
export { createInvoicePdfHandler } from "./exports/invoice-pdf.ts";
export { createReportDownloadHandler } from "./exports/report-download.ts";
export * from "./express-lane/index.ts";
export { jsonResponse, readBodyWithin } from "./fetch/responses.ts";
export * from "./forwarding/index.ts";
export { healthResponse, readinessResponse } from "./health/health.ts";
export { limitsEnv, type TrpcLimits } from "./limits/limits-config.ts";
export { type FetchHandler, sendFetchResponse, serveFetch, toFetchRequest } from "./node/serve-fetch.ts";
export { openApiKeyPolicy } from "./rest/api-key-runtime.ts";
export { partnerOpenApiDocument, REST_BASE_PATH } from "./rest/openapi-document.ts";
export { createNodeRestHandler, createRestHandler, type RestHandlerOptions } from "./rest/rest-handler.ts";
export {
  ConfigError,
  type HostConfig,
  hostConfigFromEnv,
  hostEnv,
  LOG_LEVELS,
  type LogLevel,
  parseEnv,
} from "./runtime/host-config.ts";
export { openRuntime, type Runtime } from "./runtime/open-runtime.ts";
export { createRequestContext } from "./runtime/request-context.ts";
export { createCors } from "./safety/cors.ts";
export { type RequestSafety, requestSafety } from "./safety/request-safety.ts";
export {
  startTracing,
  type Tracing,
  type TracingConfig,
  traceFetchRequests,
  traceNodeRequests,
  tracingConfigFromEnv,
} from "./tracing/tracing.ts";
export {
  nextTryAfter,
  type OutgoingWebhookOptions,
  WEBHOOK_HEADERS,
  webhookDeliveryHandler,
} from "./webhooks/outgoing-webhooks.ts";
export { SIGNATURE_HEADER, signPaymentEvent, verifyPaymentSignature } from "./webhooks/payment-signature.ts";
export { createPaymentWebhookHandler, type PaymentWebhookOptions } from "./webhooks/payment-webhook.ts";
export { type PaymentsWebhookConfig, paymentsWebhookConfigFromEnv } from "./webhooks/payments-config.ts";
export { attachEventSockets, type EventSockets } from "./websocket/event-sockets.ts";
export { type WebSocketConfig, websocketConfigFrom, websocketEnv } from "./websocket/websocket-config.ts";
