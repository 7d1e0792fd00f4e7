import type { ReactElement } from "react";
import { ActivityIndicator, FlatList, RefreshControl, StyleSheet, Text } from "react-native";
import { Loading } from "./loading.tsx";
import { ErrorNotice } from "./notice.tsx";
import { space, text } from "./theme.ts";
import { usePullToRefresh } from "./use-pull-to-refresh.ts";

/** The parts of an infinite query over a cursor-paged procedure that a list needs. */
export type PagedQueryLike<Item> = {
  data: { pages: { items: Item[] }[] } | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
};

type PagedListProps<Item> = {
  query: PagedQueryLike<Item>;
  renderItem: (item: Item) => ReactElement;
  emptyText: string;
  header?: ReactElement;
};

/** A cursor-paged procedure as a list: next page on reaching the end, pull to refresh, empty and error states. */
export function PagedList<Item extends { id: string }>({
  query,
  renderItem,
  emptyText,
  header,
}: PagedListProps<Item>) {
  const { refreshing, onRefresh } = usePullToRefresh(query.refetch);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const status = query.isPending ? (
    <Loading />
  ) : query.error ? (
    <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
  ) : null;

  return (
    <FlatList
      data={items}
      keyExtractor={(item) => item.id}
      renderItem={({ item }) => renderItem(item)}
      ListHeaderComponent={
        <>
          {header}
          {status}
        </>
      }
      ListEmptyComponent={status ? null : <Text style={[text.muted, styles.empty]}>{emptyText}</Text>}
      ListFooterComponent={query.isFetchingNextPage ? <ActivityIndicator style={styles.more} /> : null}
      onEndReached={() => {
        if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
      }}
      onEndReachedThreshold={0.5}
      refreshControl={<RefreshControl refreshing={refreshing} onRefresh={onRefresh} />}
      keyboardShouldPersistTaps="handled"
    />
  );
}

const styles = StyleSheet.create({
  empty: { padding: space.xl, textAlign: "center" },
  more: { padding: space.l },
});
