import { formatMoney } from "@tally/validators";
import { router } from "expo-router";
import { useState } from "react";
import { useProductSearch } from "../../src/catalog/use-product-search.ts";
import { ListRow } from "../../src/ui/list-row.tsx";
import { PagedList } from "../../src/ui/paged-list.tsx";
import { SearchField } from "../../src/ui/search-field.tsx";

export default function ProductsScreen() {
  const [search, setSearch] = useState("");
  const products = useProductSearch(search);
  return (
    <PagedList
      query={products}
      header={<SearchField value={search} onChange={setSearch} placeholder="Search products" />}
      emptyText={search ? "No products match." : "No products yet."}
      renderItem={(product) => (
        <ListRow
          title={product.name}
          subtitle={`${product.sku} · ${product.stock} in stock`}
          trailing={formatMoney(product.priceMinor, product.currency)}
          onPress={() => router.push({ pathname: "/products/[id]", params: { id: product.id } })}
        />
      )}
    />
  );
}
