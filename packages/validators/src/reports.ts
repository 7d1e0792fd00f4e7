import { z } from "zod";
import { invoiceFilters } from "./invoices.ts";
import { cursorPageInput } from "./pagination.ts";

export const reportStatus = z.enum(["queued", "running", "done", "failed", "cancelled"]);
export type ReportStatus = z.infer<typeof reportStatus>;
export const reportGroupBy = z.enum(["product", "customer", "day"]);

const MAX_RANGE_DAYS = 5 * 366;

/** A sales report over orders placed in [from, to). */
export const createSalesReportInput = z
  .object({
    kind: z.literal("sales"),
    from: z.date(),
    to: z.date(),
    groupBy: reportGroupBy,
  })
  .refine((input) => input.from < input.to, { message: "Must be after the start", path: ["to"] })
  .refine((input) => input.to.getTime() - input.from.getTime() <= MAX_RANGE_DAYS * 86_400_000, {
    message: "At most five years",
    path: ["to"],
  });

/** The invoice CSV export as a report: the same filters as invoices.list and the direct download. */
export const createInvoicesReportInput = invoiceFilters.extend({ kind: z.literal("invoices") });

export const createReportInput = z.discriminatedUnion("kind", [
  createSalesReportInput,
  createInvoicesReportInput,
]);

export const reportId = z.string().trim().min(1).max(64);
export const reportByIdInput = z.object({ id: reportId });
export const listReportsInput = cursorPageInput.extend({ status: reportStatus.optional() });

export type CreateReportInput = z.infer<typeof createReportInput>;
export type CreateSalesReportInput = z.infer<typeof createSalesReportInput>;
export type CreateInvoicesReportInput = z.infer<typeof createInvoicesReportInput>;
export type ListReportsInput = z.infer<typeof listReportsInput>;
