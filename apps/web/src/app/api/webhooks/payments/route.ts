import { createPaymentWebhookHandler } from "@tally/host";
import { servedBy } from "@/server/runtime";

/** The payment provider's signed events (packages/host/src/webhooks/payment-webhook.ts). */
export const POST = servedBy(({ db, config, queue, events }) =>
  createPaymentWebhookHandler({ db, config: config.payments, queue, events }),
);
