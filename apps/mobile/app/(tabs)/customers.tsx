import { router } from "expo-router";
import { useState } from "react";
import { trpc } from "../../src/api/trpc.ts";
import { ListRow } from "../../src/ui/list-row.tsx";
import { PagedList } from "../../src/ui/paged-list.tsx";
import { SearchField } from "../../src/ui/search-field.tsx";
import { useDebounced } from "../../src/ui/use-debounced.ts";

export default function CustomersScreen() {
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim());
  const customers = trpc.customers.list.useInfiniteQuery(
    { search: settled || undefined },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  return (
    <PagedList
      query={customers}
      header={<SearchField value={search} onChange={setSearch} placeholder="Search customers" />}
      emptyText={search ? "No customers match." : "No customers yet."}
      renderItem={(customer) => (
        <ListRow
          title={customer.name}
          subtitle={customer.email ?? customer.phone ?? undefined}
          onPress={() => router.push({ pathname: "/customers/[id]", params: { id: customer.id } })}
        />
      )}
    />
  );
}
