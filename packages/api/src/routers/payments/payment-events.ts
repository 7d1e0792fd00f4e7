import { currencyCode } from "@tally/validators";
import { z } from "zod";

/** The one payment provider Tally is connected to; the column leaves room for a second. */
export const PAYMENT_PROVIDER = "psp";

/**
 * What every event carries, whatever its type. Only this much must parse for
 * an event to be recorded; an authentic event we cannot use is still kept.
 */
export const paymentEventEnvelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  data: z.unknown(),
});

/** `data` of payment.succeeded and payment.failed. */
export const paymentEventData = z.object({
  invoiceId: z.string().min(1).max(64),
  /** The provider's payment id: one payment, however many events mention it. */
  paymentId: z.string().min(1).max(255),
  amountMinor: z.number().int().positive().max(1_000_000_000),
  currency: currencyCode,
});

const HANDLED_EVENT_TYPES = ["payment.succeeded", "payment.failed"] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

export type PaymentEventEnvelope = z.infer<typeof paymentEventEnvelope>;
export type PaymentEventData = z.infer<typeof paymentEventData>;

export function isHandledEventType(type: string): type is HandledEventType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type);
}
