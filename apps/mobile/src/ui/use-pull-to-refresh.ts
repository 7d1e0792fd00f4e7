import { useCallback, useState } from "react";

/**
 * The spinner shows only while the user's own pull is refetching, not during
 * background refetches (on focus, after a mutation), which would make the
 * list jump under their finger.
 */
export function usePullToRefresh(refetch: () => Promise<unknown>) {
  const [refreshing, setRefreshing] = useState(false);
  const onRefresh = useCallback(() => {
    setRefreshing(true);
    void refetch().finally(() => setRefreshing(false));
  }, [refetch]);
  return { refreshing, onRefresh };
}
