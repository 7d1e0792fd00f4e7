import {
  type InvoiceFilters as ApiInvoiceFilters,
  type InvoiceStatus,
  invoiceStatus,
  type ListInvoicesInput,
} from "@tally/validators";
import { z } from "zod";
import {
  type RecordFilters,
  readRecordFilters,
  recordApiFilters,
  writeRecordFilters,
} from "@/features/lists/record-filters";
import type { SearchParamsLike } from "@/lib/search-params";

/**
 * `/invoices?status=issued&customer=…&from=…&to=…`, days of issue. The list,
 * the server's prefetch and the CSV download all read the same filters.
 * `status=overdue` is not a stored status: it asks the API for issued
 * invoices the daily run has marked overdue (`overdue: true`).
 */
export type InvoiceListStatus = InvoiceStatus | "overdue";
export type InvoiceFilters = RecordFilters<InvoiceListStatus>;

const invoiceListStatus = z.union([invoiceStatus, z.literal("overdue")]);

const INVOICES_PER_PAGE = 20;

export function readInvoiceFilters(params: SearchParamsLike): InvoiceFilters {
  return readRecordFilters(params, invoiceListStatus);
}

export function writeInvoiceFilters(filters: InvoiceFilters): URLSearchParams {
  return writeRecordFilters(filters);
}

/** The input for the first page; later pages add the previous page's cursor. */
export function invoiceListInput(filters: InvoiceFilters): Omit<ListInvoicesInput, "cursor"> {
  return { limit: INVOICES_PER_PAGE, ...invoiceApiFilters(filters) };
}

function invoiceApiFilters(filters: InvoiceFilters) {
  const { status, ...rest } = recordApiFilters(filters);
  if (status === "overdue") return { ...rest, overdue: true };
  return { ...rest, ...(status ? { status } : {}) };
}

/** What `invoices.export` takes: the list's filters without paging. */
export function invoiceExportFilters(filters: InvoiceFilters): ApiInvoiceFilters {
  return invoiceApiFilters(filters);
}

/** The CSV download of every invoice the list shows (all pages), named by the API's own filter names. */
export function invoiceExportHref(filters: InvoiceFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(invoiceExportFilters(filters))) {
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const query = params.toString();
  return query ? `/api/invoices/export?${query}` : "/api/invoices/export";
}
