import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export {
  defaultRulesConfig,
  processConfig,
  type RulesConfig,
  rulesConfigFromEnv,
  type SubscriptionLimits,
  type WebhooksConfig,
} from "./config.ts";
export { type CsvCell, csvRecord } from "./csv.ts";
export { describeIssues, formatError } from "./errors.ts";
export type { EventFeed, FeedListener, FeedSubscription } from "./events/event-feed.ts";
export { pruneEvents } from "./events/events.prune.ts";
export {
  cursorOf,
  type EventPosition,
  isAfter,
  latestPosition,
  oldestPosition,
  positionOf,
  readEventsAfter,
  STREAM_START,
  type StoredEvent,
} from "./events/events.read.ts";
export { type EventInput, recordEvent, recordEvents } from "./events/events.record.ts";
export type { EventMessage } from "./events/events.stream.ts";
export { jobHandlers } from "./jobs.ts";
export { type Logger, logger, loggerOptions } from "./logger.ts";
export type { RestRoute } from "./rest-route.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export { RateLimitedError, type RateVerdict } from "./routers/api-keys/api-key-policy.ts";
export { API_KEY_MARK } from "./routers/api-keys/api-key-secret.ts";
export { createUsageRecorder, type UsageRecorder } from "./routers/api-keys/usage-recorder.ts";
export { decimalAmount, INVOICE_CSV_HEADER, invoiceCsvRecord } from "./routers/invoices/invoice-csv.ts";
export type { InvoiceSummaryView } from "./routers/invoices/invoices.select.ts";
export { type EventOutcome, receivePaymentEvent } from "./routers/payments/payment-events.service.ts";
export { type HandledEventType, paymentEventEnvelope } from "./routers/payments/payment-events.ts";
export {
  type AttemptOutcome,
  deliveryToSend,
  type PendingDelivery,
  recordDeliveryAttempt,
} from "./routers/webhooks/webhook-deliveries.ts";
export { addressAllowed, destinationProblem } from "./routers/webhooks/webhook-destination.ts";
export { relayEvents, startWebhookRelay, webhookPayload } from "./routers/webhooks/webhook-relay.ts";
export { serializeOutput } from "./transformer.ts";
export {
  type Access,
  type ApiKeyPolicy,
  type ConnectionState,
  type Context,
  createContext,
  createContextInner,
  type Meta,
  type RequestSafety,
} from "./trpc.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
