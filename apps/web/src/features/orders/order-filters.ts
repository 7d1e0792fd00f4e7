import { type ListOrdersInput, type OrderStatus, orderStatus } from "@tally/validators";
import {
  type RecordFilters,
  readRecordFilters,
  recordApiFilters,
  writeRecordFilters,
} from "@/features/lists/record-filters";
import type { SearchParamsLike } from "@/lib/search-params";

/**
 * `/orders?status=placed&customer=…&from=2026-01-01&to=2026-01-31`: the
 * filters live in the URL; the server page and the browser derive the same
 * list input from it, so the prefetched page is the one the browser asks for.
 */
export type OrderFilters = RecordFilters<OrderStatus>;

const ORDERS_PER_PAGE = 20;

export function readOrderFilters(params: SearchParamsLike): OrderFilters {
  return readRecordFilters(params, orderStatus);
}

export function writeOrderFilters(filters: OrderFilters): URLSearchParams {
  return writeRecordFilters(filters);
}

/** The input for the first page; later pages add the previous page's cursor. */
export function orderListInput(filters: OrderFilters): Omit<ListOrdersInput, "cursor"> {
  return { limit: ORDERS_PER_PAGE, ...recordApiFilters(filters) };
}
