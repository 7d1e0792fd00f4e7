"use client";

import { useHydrated } from "@/lib/use-hydrated";

type LoadMoreProps = { hasMore: boolean; loading: boolean; onLoad: () => void };

/** The button under a cursor-paged list; gone once the last page is shown. */
export function LoadMore({ hasMore, loading, onLoad }: LoadMoreProps) {
  const hydrated = useHydrated();
  if (!hasMore) return null;
  return (
    <div className="actions">
      <button type="button" onClick={() => onLoad()} disabled={!hydrated || loading}>
        {loading ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
