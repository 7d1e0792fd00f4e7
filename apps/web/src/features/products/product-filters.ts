import type { ProductListInput } from "./product";

/**
 * The list's filters live in the URL (`?q=paper&archived=1`) so a filtered
 * list can be bookmarked and shared. The server page and the browser both
 * derive the list input here, so the prefetched query is the one the browser
 * asks for.
 */
export type ProductFilters = { search: string; includeArchived: boolean; lowStock: boolean };

const PRODUCTS_PER_PAGE = 20;
const SEARCH_PARAM = "q";
const ARCHIVED_PARAM = "archived";
/** `?stock=low`: the products the dashboard counts as running low. */
const STOCK_PARAM = "stock";

type SearchParamsLike = { get(name: string): string | null };

export function filtersFromSearchParams(params: SearchParamsLike): ProductFilters {
  return {
    search: params.get(SEARCH_PARAM) ?? "",
    includeArchived: params.get(ARCHIVED_PARAM) === "1",
    lowStock: params.get(STOCK_PARAM) === "low",
  };
}

/** The input for the first page; later pages add the previous page's cursor. */
export function productListInput({
  search,
  includeArchived,
  lowStock,
}: ProductFilters): Omit<ProductListInput, "cursor"> {
  const trimmed = search.trim();
  return {
    limit: PRODUCTS_PER_PAGE,
    includeArchived,
    ...(lowStock ? { lowStock } : {}),
    ...(trimmed ? { search: trimmed } : {}),
  };
}

export function searchParamsFor({ search, includeArchived, lowStock }: ProductFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (search.trim()) params.set(SEARCH_PARAM, search.trim());
  if (includeArchived) params.set(ARCHIVED_PARAM, "1");
  if (lowStock) params.set(STOCK_PARAM, "low");
  return params;
}

/** The `searchParams` a server page receives, read the way `URLSearchParams#get` would. */
export function filtersFromPageParams(params: Record<string, string | string[] | undefined>): ProductFilters {
  return filtersFromSearchParams({
    get: (name) => {
      const value = params[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  });
}
