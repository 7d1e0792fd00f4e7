import { dayParam, endOfDay, startOfDay } from "@/lib/day-range";
import type { SearchParamsLike } from "@/lib/search-params";

/** The filters orders and invoices share: a status, a customer, and a range of whole days. */
export type RecordFilters<Status extends string> = {
  status: Status | "";
  customerId: string;
  from: string;
  to: string;
};

/** The slice of a zod enum the reader needs, so this file does not depend on zod itself. */
type StatusSchema<Status extends string> = {
  safeParse(value: unknown): { success: true; data: Status } | { success: false };
};

/** Reads `?status=…&customer=…&from=…&to=…`, dropping whatever is not valid. */
export function readRecordFilters<Status extends string>(
  params: SearchParamsLike,
  statusSchema: StatusSchema<Status>,
): RecordFilters<Status> {
  const status = statusSchema.safeParse(params.get("status"));
  return {
    status: status.success ? status.data : "",
    customerId: params.get("customer")?.trim() ?? "",
    from: dayParam(params.get("from")),
    to: dayParam(params.get("to")),
  };
}

/** Writes back only what is set, so an unfiltered list has a bare address. */
export function writeRecordFilters<Status extends string>({
  status,
  customerId,
  from,
  to,
}: RecordFilters<Status>): URLSearchParams {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (customerId) params.set("customer", customerId);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params;
}

/** The filters as the API names them; days become whole UTC days, both ends included. */
export function recordApiFilters<Status extends string>({
  status,
  customerId,
  from,
  to,
}: RecordFilters<Status>) {
  return {
    ...(status ? { status } : {}),
    ...(customerId ? { customerId } : {}),
    ...(from ? { from: startOfDay(from) } : {}),
    ...(to ? { to: endOfDay(to) } : {}),
  };
}
