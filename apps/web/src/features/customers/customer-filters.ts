import type { SearchParamsLike } from "@/lib/search-params";
import type { CustomerListInput } from "./customer";

/** `/customers?q=acme`: the server page and the browser derive the same list input from it. */
export type CustomerFilters = { search: string };

const CUSTOMERS_PER_PAGE = 20;
const SEARCH_PARAM = "q";

export function readCustomerFilters(params: SearchParamsLike): CustomerFilters {
  return { search: params.get(SEARCH_PARAM) ?? "" };
}

export function writeCustomerFilters({ search }: CustomerFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (search.trim()) params.set(SEARCH_PARAM, search.trim());
  return params;
}

/** The input for the first page; later pages add the previous page's cursor. */
export function customerListInput({ search }: CustomerFilters): Omit<CustomerListInput, "cursor"> {
  const trimmed = search.trim();
  return { limit: CUSTOMERS_PER_PAGE, ...(trimmed ? { search: trimmed } : {}) };
}
