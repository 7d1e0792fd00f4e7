import { type Prisma, recordAuditEvent } from "@tally/db";
import { markOrderPaid } from "../orders/order-lifecycle.service.ts";

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
): Promise<void> {
  const balance = await tx.invoice.update({
    where: { id: invoice.id },
    data: { paidMinor: { increment: amountMinor }, version: { increment: 1 } },
    select: { status: true, paidMinor: true, totalMinor: true },
  });
  if (balance.status !== "issued" || balance.paidMinor < balance.totalMinor) return;

  await tx.invoice.update({ where: { id: invoice.id }, data: { status: "paid", paidAt: new Date() } });
  await recordAuditEvent(tx, {
    organizationId: invoice.organizationId,
    action: "invoice.paid",
    targetType: "invoice",
    targetId: invoice.id,
    requestId,
    details: { number: invoice.number, paidMinor: balance.paidMinor, totalMinor: balance.totalMinor },
  });
  await markOrderPaid(tx, invoice.organizationId, invoice.orderId, requestId);
}
