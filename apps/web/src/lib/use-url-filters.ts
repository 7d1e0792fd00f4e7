"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { type SearchParamsLike, withQuery } from "./search-params";

type FilterCodec<Filters> = {
  read: (params: SearchParamsLike) => Filters;
  write: (filters: Filters) => URLSearchParams;
};

/**
 * A list's filters, kept in the URL so a filtered list can be bookmarked and
 * shared. They also live in state because Next applies `history.replaceState`
 * to `useSearchParams` a tick later: a control driven by the URL alone would
 * snap back before it caught up. A URL changed from outside (a link, back and
 * forward) still wins. (The products page does the same for its own filters.)
 */
export function useUrlFilters<Filters>({ read, write }: FilterCodec<Filters>) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = searchParams.toString();
  const [state, setState] = useState(() => ({ adoptedQuery: query, filters: read(searchParams) }));
  if (state.adoptedQuery !== query) setState({ adoptedQuery: query, filters: read(searchParams) });

  const setFilters = useCallback(
    (filters: Filters) => {
      setState((current) => ({ ...current, filters }));
      // No server round trip: the client's query fetches the list, the page need not render again.
      window.history.replaceState(null, "", withQuery(pathname, write(filters)));
    },
    [pathname, write],
  );

  return { filters: state.filters, setFilters };
}
