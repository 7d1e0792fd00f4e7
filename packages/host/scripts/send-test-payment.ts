/**
 * Sends a correctly signed payment event to a running host, as the payment
 * provider would. Signs with PAYMENTS_WEBHOOK_SECRET (the development secret
 * when unset, outside production) through the same function the tests use.
 *
 *   pnpm payments:test-event --invoice <id> --amount <minor units>
 *     [--url http://127.0.0.1:3000/api/webhooks/payments]   (apps/server: http://127.0.0.1:4000/webhooks/payments)
 *     [--type payment.succeeded|payment.failed] [--currency USD]
 *     [--event-id evt_…]   (repeat one to see a replay answered "duplicate")
 *     [--payment-id pay_…]
 */
import { parseArgs } from "node:util";
import { signedDelivery, testPaymentEvent } from "../src/webhooks/payment-test-events.ts";
import { paymentsWebhookConfigFromEnv } from "../src/webhooks/payments-config.ts";

const USAGE = "usage: pnpm payments:test-event --invoice <id> --amount <minor units> [--url …] [--type …]";

const { values } = parseArgs({
  options: {
    invoice: { type: "string" },
    amount: { type: "string" },
    url: { type: "string", default: "http://127.0.0.1:3000/api/webhooks/payments" },
    type: { type: "string", default: "payment.succeeded" },
    currency: { type: "string", default: "USD" },
    "event-id": { type: "string" },
    "payment-id": { type: "string" },
  },
});

const amountMinor = Number(values.amount);
if (!values.invoice || !Number.isInteger(amountMinor) || amountMinor <= 0) {
  console.error(USAGE);
  process.exit(2);
}

try {
  const { secret } = paymentsWebhookConfigFromEnv();
  const event = testPaymentEvent({
    invoiceId: values.invoice,
    amountMinor,
    currency: values.currency,
    type: values.type,
    eventId: values["event-id"],
    paymentId: values["payment-id"],
  });
  const { body, headers } = signedDelivery(secret, event);
  const response = await fetch(values.url, { method: "POST", body, headers });
  console.log(`${event.type} ${event.id} → ${response.status} ${await response.text()}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
