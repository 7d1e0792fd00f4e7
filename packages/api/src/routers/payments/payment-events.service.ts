import { type Prisma, type PrismaClient, recordAuditEvent } from "@tally/db";
import type { Queue } from "@tally/jobs";
import { recordEvent } from "../../events/events.record.ts";
import { addPaymentToInvoice } from "../invoices/invoice-settlement.service.ts";
import {
  isHandledEventType,
  PAYMENT_PROVIDER,
  type PaymentEventData,
  type PaymentEventEnvelope,
  paymentEventData,
} from "./payment-events.ts";

type Tx = Prisma.TransactionClient;

/** What an event did; `duplicate` is an event id seen before, which does nothing again. */
export type EventOutcome = EventEffect | { outcome: "duplicate" };
type EventEffect = { outcome: "applied" } | { outcome: "ignored" | "rejected"; reason: string };

/** Payments for one invoice queue on its row; a burst of them should wait, not fail. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Applies a verified provider event exactly once. The event's row is written
 * first, in the same transaction as its effect: a replay finds the row and
 * does nothing, and a concurrent duplicate waits on the row's key until the
 * first commits, then does nothing. If the effect fails, the row goes with it
 * and the provider's retry starts afresh.
 *
 * Events that are authentic but unusable (an unknown invoice, the wrong
 * currency, a void invoice) are recorded as rejected for an operator rather
 * than refused: refusing would only make the provider retry an event that can
 * never succeed.
 */
export async function receivePaymentEvent(
  db: PrismaClient,
  event: PaymentEventEnvelope,
  requestId: string,
  /** Where the receipt for a payment that settles its invoice is queued; none, no receipt. */
  queue: Queue | null = null,
): Promise<EventOutcome> {
  return db.$transaction(async (tx) => {
    const key = { provider: PAYMENT_PROVIDER, eventId: event.id };
    const { count } = await tx.webhookEvent.createMany({
      data: { ...key, type: event.type, outcome: "applied" },
      skipDuplicates: true,
    });
    if (count === 0) return { outcome: "duplicate" };

    const result = await applyEvent(tx, event, requestId, queue);
    if (result.outcome !== "applied") {
      await tx.webhookEvent.update({
        where: { provider_eventId: key },
        data: { outcome: result.outcome, reason: result.reason },
      });
    }
    return result;
  }, TRANSACTION_OPTIONS);
}

async function applyEvent(
  tx: Tx,
  event: PaymentEventEnvelope,
  requestId: string,
  queue: Queue | null,
): Promise<EventEffect> {
  if (!isHandledEventType(event.type)) return { outcome: "ignored", reason: "unhandled event type" };
  const parsed = paymentEventData.safeParse(event.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      outcome: "rejected",
      reason: `invalid data: ${issue?.path.join(".") || "data"}: ${issue?.message}`,
    };
  }
  const data = parsed.data;
  const invoice = await lockInvoice(tx, data.invoiceId);
  if (!invoice) return { outcome: "rejected", reason: "unknown invoice" };

  const refusal = refusalFor(invoice, data);
  if (refusal) {
    await auditPayment(tx, {
      invoice,
      data,
      eventId: event.id,
      requestId,
      action: "payment.rejected",
      reason: refusal,
    });
    return { outcome: "rejected", reason: refusal };
  }

  const status = event.type === "payment.succeeded" ? "succeeded" : "failed";
  const recorded = await recordPayment(tx, invoice, data, status);
  if (recorded.outcome !== "applied") return recorded;
  await auditPayment(tx, {
    invoice,
    data,
    eventId: event.id,
    requestId,
    action: `payment.${status}`,
    paymentId: recorded.paymentId,
  });
  await recordEvent(tx, {
    organizationId: invoice.organizationId,
    kind: "payment.received",
    recordId: recorded.paymentId,
    data: { invoiceId: invoice.id, status, amountMinor: data.amountMinor, currency: data.currency },
  });
  if (status === "succeeded") await addPaymentToInvoice(tx, invoice, data.amountMinor, requestId, queue);
  return { outcome: "applied" };
}

type LockedInvoice = Awaited<ReturnType<typeof lockInvoice>> & {};

/**
 * The invoice's row lock serialises every payment for it, so balances add up
 * and a payment racing a void sees the void (or the void sees the payment).
 */
async function lockInvoice(tx: Tx, invoiceId: string) {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "invoice" WHERE "id" = ${invoiceId} FOR UPDATE`;
  if (locked.length === 0) return null;
  return tx.invoice.findUniqueOrThrow({
    where: { id: invoiceId },
    select: { id: true, organizationId: true, orderId: true, number: true, status: true, currency: true },
  });
}

function refusalFor(invoice: LockedInvoice, data: PaymentEventData): string | null {
  if (invoice.status === "void") return "invoice is void";
  if (invoice.currency !== data.currency) {
    return `currency mismatch: invoice is in ${invoice.currency}, payment in ${data.currency}`;
  }
  return null;
}

/**
 * One row per provider payment, however many events mention it. A payment
 * that failed and then succeeded on retry is the same payment, now succeeded;
 * anything else that repeats a recorded payment changes nothing.
 */
async function recordPayment(
  tx: Tx,
  invoice: LockedInvoice,
  data: PaymentEventData,
  status: "succeeded" | "failed",
): Promise<{ outcome: "applied"; paymentId: string } | Exclude<EventEffect, { outcome: "applied" }>> {
  const key = { provider: PAYMENT_PROVIDER, providerPaymentId: data.paymentId };
  const existing = await tx.payment.findUnique({
    where: { provider_providerPaymentId: key },
    select: { id: true, invoiceId: true, status: true },
  });
  const fields = { status, amountMinor: data.amountMinor, currency: data.currency, receivedAt: new Date() };
  if (!existing) {
    const created = await tx.payment.create({
      data: { ...key, ...fields, organizationId: invoice.organizationId, invoiceId: invoice.id },
      select: { id: true },
    });
    return { outcome: "applied", paymentId: created.id };
  }
  if (existing.invoiceId !== invoice.id) {
    return { outcome: "rejected", reason: "payment already recorded against another invoice" };
  }
  if (existing.status === "failed" && status === "succeeded") {
    await tx.payment.update({ where: { id: existing.id }, data: fields });
    return { outcome: "applied", paymentId: existing.id };
  }
  return { outcome: "ignored", reason: `payment already recorded as ${existing.status}` };
}

type PaymentAudit = {
  invoice: LockedInvoice;
  data: PaymentEventData;
  eventId: string;
  requestId: string;
  action: "payment.succeeded" | "payment.failed" | "payment.rejected";
  /** The recorded payment; a rejected event has none and is filed under its invoice. */
  paymentId?: string;
  reason?: string;
};

/** Payments are the provider's doing, so the event has no actor: a system action. */
function auditPayment(
  tx: Tx,
  { invoice, data, eventId, requestId, action, paymentId, reason }: PaymentAudit,
) {
  return recordAuditEvent(tx, {
    organizationId: invoice.organizationId,
    action,
    targetType: paymentId ? "payment" : "invoice",
    targetId: paymentId ?? invoice.id,
    requestId,
    details: {
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      providerPaymentId: data.paymentId,
      amountMinor: data.amountMinor,
      currency: data.currency,
      eventId,
      ...(reason ? { reason } : {}),
    },
  });
}
