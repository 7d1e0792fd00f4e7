import { z } from "zod";
import { customerId } from "./customers.ts";
import { withIdempotencyKey } from "./idempotency.ts";
import { orderId } from "./orders.ts";
import { cursorPageInput } from "./pagination.ts";
import { queryBoolean } from "./query.ts";

export const invoiceStatus = z.enum(["issued", "paid", "void"]);
export type InvoiceStatus = z.infer<typeof invoiceStatus>;

export const invoiceId = z.string().trim().min(1).max(64);

export const issueInvoiceInput = z.object({
  orderId,
  /** Days from issue until payment is due. */
  dueInDays: z.number().int().min(0).max(365).default(30),
  ...withIdempotencyKey,
});

export const voidInvoiceInput = z.object({ invoiceId, ...withIdempotencyKey });
export const invoiceByIdInput = z.object({ id: invoiceId });

/**
 * Also the query string of the CSV export (`?status=issued&from=2026-01-01`),
 * hence the coercion. `from` and `to` bound the time of issue, both inclusive.
 */
export const invoiceFilters = z.object({
  status: invoiceStatus.optional(),
  customerId: customerId.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Only open invoices the daily run has marked overdue; `true` from a procedure call or a query string. */
  overdue: queryBoolean.optional(),
});

export const listInvoicesInput = cursorPageInput.extend(invoiceFilters.shape);

export const listPaymentsInput = cursorPageInput.extend({ invoiceId: invoiceId.optional() });

export type IssueInvoiceInput = z.infer<typeof issueInvoiceInput>;
export type VoidInvoiceInput = z.infer<typeof voidInvoiceInput>;
export type InvoiceFilters = z.infer<typeof invoiceFilters>;
export type ListInvoicesInput = z.infer<typeof listInvoicesInput>;
export type ListPaymentsInput = z.infer<typeof listPaymentsInput>;
