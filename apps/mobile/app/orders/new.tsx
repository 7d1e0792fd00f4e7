import { router, useLocalSearchParams } from "expo-router";
import { useState } from "react";
import { StyleSheet, View } from "react-native";
import { trpc } from "../../src/api/trpc.ts";
import { useCreateOrder } from "../../src/orders/order-mutations.ts";
import { Button } from "../../src/ui/button.tsx";
import { ListRow } from "../../src/ui/list-row.tsx";
import { ErrorNotice } from "../../src/ui/notice.tsx";
import { PagedList } from "../../src/ui/paged-list.tsx";
import { SearchField } from "../../src/ui/search-field.tsx";
import { TextField } from "../../src/ui/text-field.tsx";
import { colors, space } from "../../src/ui/theme.ts";
import { useDebounced } from "../../src/ui/use-debounced.ts";

/** A draft for a customer: pick one, add a note if needed, then add items on the order's screen. */
export default function NewOrderScreen() {
  const preselected = useLocalSearchParams<{ customerId?: string }>().customerId;
  const [customerId, setCustomerId] = useState(typeof preselected === "string" ? preselected : null);
  const [search, setSearch] = useState("");
  const [note, setNote] = useState("");
  const settled = useDebounced(search.trim());
  const customers = trpc.customers.list.useInfiniteQuery(
    { search: settled || undefined },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const create = useCreateOrder();
  const submit = (id: string) =>
    create.mutate(
      { customerId: id, note },
      { onSuccess: (order) => router.replace({ pathname: "/orders/[id]", params: { id: order.id } }) },
    );

  return (
    <View style={styles.screen}>
      <PagedList
        query={customers}
        header={<SearchField value={search} onChange={setSearch} placeholder="Find the customer" />}
        emptyText={search ? "No customers match." : "No customers yet: add one from the Customers tab."}
        renderItem={(customer) => (
          <ListRow
            title={customer.name}
            subtitle={customer.email ?? undefined}
            selected={customer.id === customerId}
            onPress={() => setCustomerId(customer.id)}
          />
        )}
      />
      <View style={styles.footer}>
        {create.error ? <ErrorNotice error={create.error} /> : null}
        <TextField label="Note (optional)" value={note} onChangeText={setNote} multiline />
        <Button
          title="Create draft"
          onPress={() => customerId && submit(customerId)}
          disabled={!customerId}
          busy={create.isPending}
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  footer: { padding: space.l, gap: space.m, borderTopWidth: 1, borderTopColor: colors.border },
});
