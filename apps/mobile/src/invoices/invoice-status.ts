import type { RouterOutputs } from "@tally/api";

export type InvoiceStatus = RouterOutputs["invoices"]["get"]["status"];

export const invoiceStatusLabel: Record<InvoiceStatus, string> = {
  issued: "Issued",
  paid: "Paid",
  void: "Void",
};
