import { type InvoiceStatus, invoiceStatus, type ListInvoicesInput } from "@tally/validators";
import type { RecordFilters } from "@/features/lists/record-filters";
import { dayParam, endOfDay, startOfDay } from "@/lib/day-range";
import type { SearchParamsLike } from "@/lib/search-params";

/**
 * `/invoices?status=issued&customer=…&from=…&to=…`, days of issue. The list,
 * the server's prefetch and the CSV download all read the same filters.
 */
export type InvoiceFilters = RecordFilters<InvoiceStatus>;

export const INVOICES_PER_PAGE = 20;

export function readInvoiceFilters(params: SearchParamsLike): InvoiceFilters {
  const status = invoiceStatus.safeParse(params.get("status"));
  return {
    status: status.success ? status.data : "",
    customerId: params.get("customer")?.trim() ?? "",
    from: dayParam(params.get("from")),
    to: dayParam(params.get("to")),
  };
}

export function writeInvoiceFilters({ status, customerId, from, to }: InvoiceFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (customerId) params.set("customer", customerId);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params;
}

function apiFilters({ status, customerId, from, to }: InvoiceFilters) {
  return {
    ...(status ? { status } : {}),
    ...(customerId ? { customerId } : {}),
    ...(from ? { from: startOfDay(from) } : {}),
    ...(to ? { to: endOfDay(to) } : {}),
  };
}

/** The input for the first page; later pages add the previous page's cursor. */
export function invoiceListInput(filters: InvoiceFilters): Omit<ListInvoicesInput, "cursor"> {
  return { limit: INVOICES_PER_PAGE, ...apiFilters(filters) };
}

/** The CSV download of every invoice the list shows (all pages), named by the API's own filter names. */
export function invoiceExportHref(filters: InvoiceFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(apiFilters(filters))) {
    params.set(name, value instanceof Date ? value.toISOString() : value);
  }
  const query = params.toString();
  return query ? `/api/invoices/export?${query}` : "/api/invoices/export";
}
