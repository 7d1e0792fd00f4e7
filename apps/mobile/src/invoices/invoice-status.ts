import type { InvoiceStatus } from "@tally/validators";

export const invoiceStatusLabel: Record<InvoiceStatus, string> = {
  issued: "Issued",
  paid: "Paid",
  void: "Void",
};
