import type { InvoiceFilters } from "@tally/validators";
import type { OrgContext } from "../../trpc.ts";
import type { ReportView } from "../reports/reports.select.ts";
import { createReport } from "../reports/reports.service.ts";
import { invoiceFilterWhere } from "./invoices.service.ts";

export type InvoiceExportDelivery =
  | { delivery: "download"; invoices: number }
  | { delivery: "report"; invoices: number; report: ReportView };

/**
 * How many invoices the list (and so the export) holds for these filters, and
 * whether that many still download directly (the host asks before it streams).
 */
export async function countInvoices(
  ctx: OrgContext,
  filters: InvoiceFilters,
): Promise<{ invoices: number; directExport: boolean }> {
  const invoices = await ctx.db.invoice.count({ where: { AND: invoiceFilterWhere(ctx.org.id, filters) } });
  return { invoices, directExport: invoices <= ctx.config.invoiceExportMaxRows };
}

/**
 * How an export of these invoices reaches the member: up to the configured
 * number of rows as a direct download (the host streams it), beyond it as a
 * report a worker prepares, which the member downloads from Reports. A large
 * export then holds no request open for minutes, and survives a closed tab.
 */
export async function exportInvoices(
  ctx: OrgContext,
  filters: InvoiceFilters,
): Promise<InvoiceExportDelivery> {
  const { invoices, directExport } = await countInvoices(ctx, filters);
  if (directExport) return { delivery: "download", invoices };
  const report = await createReport(ctx, { kind: "invoices", ...filters });
  return { delivery: "report", invoices, report };
}
