import type { RouterOutputs } from "@tally/api";
import type { InvoiceStatus } from "@tally/validators";

/** An invoice with its order summary and payments, as the API returns it. */
export type Invoice = RouterOutputs["invoices"]["get"];
export type InvoicePayment = Invoice["payments"][number];
export type InvoiceSummary = RouterOutputs["invoices"]["list"]["items"][number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  issued: "Issued",
  paid: "Paid",
  void: "Void",
};

/** The list's status filter: the stored statuses, and overdue. */
export const INVOICE_FILTER_LABELS = { ...INVOICE_STATUS_LABELS, overdue: "Overdue" } as const;

/**
 * What is still owed (positive), or paid beyond the total (negative). A void
 * invoice owes nothing, whatever it says.
 */
export function invoiceBalance(invoice: Pick<InvoiceSummary, "status" | "totalMinor" | "paidMinor">) {
  if (invoice.status === "void") return { due: 0, over: 0 };
  const difference = invoice.totalMinor - invoice.paidMinor;
  return { due: Math.max(difference, 0), over: Math.max(-difference, 0) };
}
