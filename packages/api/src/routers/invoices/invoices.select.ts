import type { Prisma } from "@tally/db";
import type { InvoiceAction } from "./invoice-actions.ts";

/** What an invoice row shows in lists and in the CSV export. */
export const invoiceSummarySelect = {
  id: true,
  number: true,
  status: true,
  currency: true,
  totalMinor: true,
  paidMinor: true,
  issuedAt: true,
  dueAt: true,
  paidAt: true,
  voidedAt: true,
  overdueAt: true,
  orderId: true,
  order: { select: { customer: { select: { id: true, name: true } } } },
} satisfies Prisma.InvoiceSelect;

const invoicePaymentSelect = {
  id: true,
  provider: true,
  providerPaymentId: true,
  status: true,
  amountMinor: true,
  currency: true,
  receivedAt: true,
} satisfies Prisma.PaymentSelect;

/** One invoice with the order it bills and every payment attempt against it, newest first. */
export const invoiceSelect = {
  ...invoiceSummarySelect,
  version: true,
  order: {
    select: {
      id: true,
      status: true,
      subtotalMinor: true,
      taxMinor: true,
      totalMinor: true,
      placedAt: true,
      customer: { select: { id: true, name: true } },
    },
  },
  payments: { select: invoicePaymentSelect, orderBy: [{ receivedAt: "desc" }, { id: "desc" }] },
  /** What was emailed about it (the invoice itself, receipts, reminders), and whether it arrived. */
  emailMessages: {
    select: {
      id: true,
      kind: true,
      recipient: true,
      status: true,
      failureReason: true,
      createdAt: true,
      sentAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  },
} satisfies Prisma.InvoiceSelect;

export type InvoiceSummaryView = Prisma.InvoiceGetPayload<{ select: typeof invoiceSummarySelect }>;
/** An invoice as every procedure returns it: the row, and what the caller may do with it now. */
export type InvoiceView = Prisma.InvoiceGetPayload<{ select: typeof invoiceSelect }> & {
  allowedActions: InvoiceAction[];
};
