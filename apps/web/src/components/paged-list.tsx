"use client";

import type { ReactNode } from "react";
import { LoadMore } from "./load-more";
import { LoadProblem } from "./load-problem";

/** The parts of a cursor-paged infinite query a list needs. */
type PagedQuery<Item> = {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: { message: string } | null;
  data: { pages: ReadonlyArray<{ items: Item[] }> } | undefined;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

type PagedListProps<Item> = {
  query: PagedQuery<Item>;
  /** Shown while the first page loads, e.g. "Loading orders…". */
  loading: string;
  /** What failed to load, as in "Could not load orders". */
  what: string;
  /** Shown when there is nothing to list. */
  empty: ReactNode;
  children: (items: Item[]) => ReactNode;
};

/** Loading, problem, empty and "Load more" handled once for every cursor-paged list. */
export function PagedList<Item>({ query, loading, what, empty, children }: PagedListProps<Item>) {
  if (query.isPending) return <p className="muted">{loading}</p>;
  if (query.isError)
    return <LoadProblem what={what} message={query.error?.message ?? ""} onRetry={query.refetch} />;

  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) return <p className="muted">{empty}</p>;

  return (
    <div aria-busy={query.isFetching}>
      {children(items)}
      <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={query.fetchNextPage} />
    </div>
  );
}
