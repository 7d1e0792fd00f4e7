import type { Prisma } from "@tally/db";
import type { EventInput } from "../../events/events.record.ts";

/** What an invoice event carries about the invoice: ids, number, status and amounts. */
export const invoiceEventSelect = {
  id: true,
  orderId: true,
  number: true,
  status: true,
  totalMinor: true,
  paidMinor: true,
  currency: true,
} satisfies Prisma.InvoiceSelect;

type InvoiceEventSource = Prisma.InvoiceGetPayload<{ select: typeof invoiceEventSelect }>;

export function invoiceEvent(
  kind: "invoice.issued" | "invoice.paid" | "invoice.voided",
  organizationId: string,
  invoice: InvoiceEventSource,
): EventInput {
  return {
    organizationId,
    kind,
    recordId: invoice.id,
    data: {
      orderId: invoice.orderId,
      number: invoice.number,
      status: invoice.status,
      totalMinor: invoice.totalMinor,
      paidMinor: invoice.paidMinor,
      currency: invoice.currency,
    },
  };
}
