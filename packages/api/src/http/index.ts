/** Fetch-style request handlers (Request → Response), mounted by both hosts. */
export { createInvoiceExportHandler, type InvoiceExportOptions } from "./invoice-export.ts";
export { type FetchHandler, serveFetch } from "./node.ts";
export { SIGNATURE_HEADER, signPaymentEvent, verifyPaymentSignature } from "./payment-signature.ts";
export { createPaymentWebhookHandler, type PaymentWebhookOptions } from "./payment-webhook.ts";
export { type PaymentsWebhookConfig, paymentsWebhookConfigFromEnv } from "./payments-config.ts";
