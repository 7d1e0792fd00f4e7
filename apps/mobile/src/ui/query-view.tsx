import type { ReactNode } from "react";
import { RefreshControl, ScrollView, StyleSheet } from "react-native";
import { Loading } from "./loading.tsx";
import { ErrorNotice } from "./notice.tsx";
import { space } from "./theme.ts";
import { usePullToRefresh } from "./use-pull-to-refresh.ts";

export type QueryLike<Data> = {
  data: Data | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => Promise<unknown>;
};

type QueryViewProps<Data> = { query: QueryLike<Data>; children: (data: Data) => ReactNode };

/**
 * One query's screen: a spinner until the first answer, the error with a retry
 * if there is none, else the content, scrollable and pulled to refresh. A
 * failed refresh keeps the last data on screen under the notice.
 */
export function QueryView<Data>({ query, children }: QueryViewProps<Data>) {
  const { refreshing, onRefresh } = usePullToRefresh(query.refetch);
  if (query.data === undefined) {
    if (query.isPending) return <Loading />;
    return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <ScrollView
      contentContainerStyle={styles.content}
      refreshControl={<RefreshControl refreshing={refreshing} onRefresh={onRefresh} />}
    >
      {query.error ? <ErrorNotice error={query.error} /> : null}
      {children(query.data)}
    </ScrollView>
  );
}

const styles = StyleSheet.create({ content: { paddingBottom: space.xl } });
