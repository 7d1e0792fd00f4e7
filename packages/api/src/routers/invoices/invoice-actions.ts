import type { InvoiceStatus } from "@tally/validators";
import { hasRole, type Role } from "../org/roles.ts";

export const INVOICE_ACTIONS = ["void"] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

/** The role invoices.void demands (invoices.test.ts checks they agree). */
export const VOID_MINIMUM_ROLE: Role = "admin";

/**
 * What the caller may do with the invoice now. Only an issued invoice that
 * has received no money can be voided (see voidInvoice); the procedure checks
 * it again, since a payment may land in between.
 */
export function allowedInvoiceActions(
  invoice: { status: InvoiceStatus; paidMinor: number },
  role: Role,
): InvoiceAction[] {
  const voidable = invoice.status === "issued" && invoice.paidMinor === 0;
  return voidable && hasRole(role, VOID_MINIMUM_ROLE) ? ["void"] : [];
}
