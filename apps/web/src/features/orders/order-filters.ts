import { type ListOrdersInput, type OrderStatus, orderStatus } from "@tally/validators";
import type { RecordFilters } from "@/features/lists/record-filters";
import { dayParam, endOfDay, startOfDay } from "@/lib/day-range";
import type { SearchParamsLike } from "@/lib/search-params";

/**
 * `/orders?status=placed&customer=…&from=2026-01-01&to=2026-01-31`: the
 * filters live in the URL; the server page and the browser derive the same
 * list input from it, so the prefetched page is the one the browser asks for.
 */
export type OrderFilters = RecordFilters<OrderStatus>;

export const ORDERS_PER_PAGE = 20;

export function readOrderFilters(params: SearchParamsLike): OrderFilters {
  const status = orderStatus.safeParse(params.get("status"));
  return {
    status: status.success ? status.data : "",
    customerId: params.get("customer")?.trim() ?? "",
    from: dayParam(params.get("from")),
    to: dayParam(params.get("to")),
  };
}

export function writeOrderFilters({ status, customerId, from, to }: OrderFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (customerId) params.set("customer", customerId);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params;
}

/** The input for the first page; later pages add the previous page's cursor. */
export function orderListInput({
  status,
  customerId,
  from,
  to,
}: OrderFilters): Omit<ListOrdersInput, "cursor"> {
  return {
    limit: ORDERS_PER_PAGE,
    ...(status ? { status } : {}),
    ...(customerId ? { customerId } : {}),
    ...(from ? { from: startOfDay(from) } : {}),
    ...(to ? { to: endOfDay(to) } : {}),
  };
}
