import { formatMoney } from "@tally/validators";
import { router } from "expo-router";
import { useState } from "react";
import { StyleSheet, View } from "react-native";
import { trpc } from "../../../src/api/trpc.ts";
import { useProductSearch } from "../../../src/catalog/use-product-search.ts";
import { useAddOrderItem } from "../../../src/orders/order-mutations.ts";
import { checkQuantity } from "../../../src/orders/quantity.ts";
import { Button } from "../../../src/ui/button.tsx";
import { ListRow } from "../../../src/ui/list-row.tsx";
import { ErrorNotice } from "../../../src/ui/notice.tsx";
import { PagedList } from "../../../src/ui/paged-list.tsx";
import { useIdParam } from "../../../src/ui/route-params.ts";
import { SearchField } from "../../../src/ui/search-field.tsx";
import { TextField } from "../../../src/ui/text-field.tsx";
import { colors, space } from "../../../src/ui/theme.ts";

export default function AddItemScreen() {
  const orderId = useIdParam();
  // The version the user is looking at; if the order changed since, the server refuses the edit.
  const order = trpc.orders.get.useQuery({ id: orderId });
  const [search, setSearch] = useState("");
  const [productId, setProductId] = useState<string | null>(null);
  const [typedQuantity, setTypedQuantity] = useState("1");
  const products = useProductSearch(search);
  const addItem = useAddOrderItem();
  const quantity = checkQuantity(typedQuantity);

  const submit = () => {
    if (!productId || !quantity.ok || !order.data) return;
    addItem.mutate(
      { orderId, version: order.data.version, productId, quantity: quantity.quantity },
      { onSuccess: () => router.back() },
    );
  };

  return (
    <View style={styles.screen}>
      <PagedList
        query={products}
        header={<SearchField value={search} onChange={setSearch} placeholder="Search products" />}
        emptyText="No products match."
        renderItem={(product) => (
          <ListRow
            title={product.name}
            subtitle={`${product.sku} · ${product.stock} in stock`}
            trailing={formatMoney(product.priceMinor, product.currency)}
            selected={product.id === productId}
            onPress={() => setProductId(product.id)}
          />
        )}
      />
      <View style={styles.footer}>
        {addItem.error ? <ErrorNotice error={addItem.error} onRetry={() => void order.refetch()} /> : null}
        <TextField
          label="Quantity"
          value={typedQuantity}
          onChangeText={setTypedQuantity}
          keyboardType="number-pad"
          inputMode="numeric"
          error={quantity.ok ? undefined : quantity.message}
        />
        <Button
          title="Add to order"
          onPress={submit}
          disabled={!productId || !quantity.ok || !order.data}
          busy={addItem.isPending}
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  footer: { padding: space.l, gap: space.m, borderTopWidth: 1, borderTopColor: colors.border },
});
