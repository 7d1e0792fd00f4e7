import { type Prisma, recordAuditEvent } from "@tally/db";
import type { Queue } from "@tally/jobs";
import { invoiceTitle } from "@tally/validators";
import { recordEvent } from "../../events/events.record.ts";
import { queueEmail } from "../emails/email-queue.ts";
import { markOrderPaid } from "../orders/order-lifecycle.service.ts";
import { senderNameOf } from "../org/sender-name.ts";
import { invoiceEvent, invoiceEventSelect } from "./invoice-events.ts";

type Tx = Prisma.TransactionClient;

export type SettlingInvoice = { id: string; organizationId: string; orderId: string; number: number };

/**
 * Adds a succeeded payment to the invoice's balance, inside the payment's
 * transaction. The first payment that brings the balance up to the total
 * marks the invoice paid, and its order with it; payments after that still
 * count, so an over-payment shows as paidMinor above totalMinor. The caller
 * holds the invoice's row lock, so the balance read back is the one this
 * payment made.
 */
export async function addPaymentToInvoice(
  tx: Tx,
  invoice: SettlingInvoice,
  amountMinor: number,
  requestId: string,
  queue: Queue | null = null,
): Promise<void> {
  const balance = await tx.invoice.update({
    where: { id: invoice.id },
    data: { paidMinor: { increment: amountMinor }, version: { increment: 1 } },
    select: { status: true, paidMinor: true, totalMinor: true },
  });
  if (balance.status !== "issued" || balance.paidMinor < balance.totalMinor) return;

  const paid = await tx.invoice.update({
    where: { id: invoice.id },
    data: { status: "paid", paidAt: new Date() },
    select: invoiceEventSelect,
  });
  await recordEvent(tx, invoiceEvent("invoice.paid", invoice.organizationId, paid));
  await recordAuditEvent(tx, {
    organizationId: invoice.organizationId,
    action: "invoice.paid",
    targetType: "invoice",
    targetId: invoice.id,
    requestId,
    details: { number: invoice.number, paidMinor: balance.paidMinor, totalMinor: balance.totalMinor },
  });
  await markOrderPaid(tx, invoice.organizationId, invoice.orderId, requestId);
  await queueReceipt(tx, invoice, queue);
}

/** A receipt to the customer, with the paid invoice attached, when they have an email address. */
async function queueReceipt(tx: Tx, invoice: SettlingInvoice, queue: Queue | null) {
  if (!queue) return;
  const { order, organization } = await tx.invoice.findUniqueOrThrow({
    where: { id: invoice.id },
    select: {
      order: { select: { customer: { select: { email: true } } } },
      organization: { select: { name: true, senderName: true } },
    },
  });
  if (!order.customer.email) return;
  await queueEmail(queue, tx, {
    organizationId: invoice.organizationId,
    kind: "receipt",
    recipient: order.customer.email,
    subject: `Receipt for ${invoiceTitle(invoice.number)} from ${senderNameOf(organization)}`,
    invoiceId: invoice.id,
  });
}
