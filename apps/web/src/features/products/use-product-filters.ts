"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { filtersFromSearchParams, type ProductFilters, searchParamsFor } from "./product-filters";

/**
 * The filters, kept in the URL. They also live in state because Next applies
 * `history.replaceState` to `useSearchParams` in a transition, a tick later:
 * a checkbox driven by the URL alone would snap back before it caught up.
 * A URL changed from outside (a link, back and forward) still wins.
 */
export function useProductFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = searchParams.toString();
  const [state, setState] = useState({ adoptedQuery: query, filters: filtersFromSearchParams(searchParams) });
  if (state.adoptedQuery !== query)
    setState({ adoptedQuery: query, filters: filtersFromSearchParams(searchParams) });

  const setFilters = useCallback(
    (filters: ProductFilters) => {
      setState((current) => ({ ...current, filters }));
      const next = searchParamsFor(filters).toString();
      // No server round trip: the client's query fetches the list, the page need not render again.
      window.history.replaceState(null, "", next ? `${pathname}?${next}` : pathname);
    },
    [pathname],
  );

  return { filters: state.filters, setFilters };
}
