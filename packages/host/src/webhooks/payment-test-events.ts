import { randomUUID } from "node:crypto";
import type { HandledEventType } from "@tally/api";
import { SIGNATURE_HEADER, signPaymentEvent } from "./payment-signature.ts";

export type TestPaymentEventOptions = {
  invoiceId: string;
  amountMinor: number;
  currency?: string;
  type?: HandledEventType | (string & {});
  /** A new one each time unless given: pass the same id to replay an event. */
  eventId?: string;
  /** The provider's payment id; the same id across events means the same payment. */
  paymentId?: string;
};

/** An event as the payment provider sends it. */
export function testPaymentEvent({
  invoiceId,
  amountMinor,
  currency = "USD",
  type = "payment.succeeded",
  eventId = `evt_${randomUUID()}`,
  paymentId = `pay_${randomUUID()}`,
}: TestPaymentEventOptions) {
  return {
    id: eventId,
    type,
    created: Math.floor(Date.now() / 1000),
    data: { invoiceId, amountMinor, currency, paymentId },
  };
}

/**
 * A delivery of `event` signed as the provider signs it: used by the tests and
 * by `pnpm payments:test-event`, so both speak what the receiver verifies.
 */
export function signedDelivery(secret: string, event: unknown, timestamp?: number) {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signPaymentEvent(secret, body, timestamp),
    },
  };
}
