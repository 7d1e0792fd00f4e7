import { trpc } from "../api/trpc.ts";
import { useDebounced } from "../ui/use-debounced.ts";

/** Products matching what the user typed; the matching itself is the server's. */
export function useProductSearch(search: string) {
  const settled = useDebounced(search.trim());
  return trpc.catalog.products.list.useInfiniteQuery(
    { search: settled || undefined },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
}
