import { formatMoney } from "@tally/validators";
import { router } from "expo-router";
import { useState } from "react";
import { trpc } from "../../src/api/trpc.ts";
import { type OrderStatus, orderStatuses, orderStatusLabel } from "../../src/orders/order-status.ts";
import { useLiveOrders } from "../../src/orders/use-live-orders.ts";
import { Chips } from "../../src/ui/chips.tsx";
import { ListRow } from "../../src/ui/list-row.tsx";
import { PagedList } from "../../src/ui/paged-list.tsx";

const filters = [
  { value: null, label: "All" },
  ...orderStatuses.map((status) => ({ value: status, label: orderStatusLabel[status] })),
];

export default function OrdersScreen() {
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const orders = trpc.orders.list.useInfiniteQuery(
    { status: status ?? undefined },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  useLiveOrders();
  return (
    <PagedList
      query={orders}
      header={<Chips options={filters} selected={status} onSelect={setStatus} />}
      emptyText={status ? `No ${orderStatusLabel[status].toLowerCase()} orders.` : "No orders yet."}
      renderItem={(order) => (
        <ListRow
          title={order.customer.name}
          subtitle={`${orderStatusLabel[order.status]} · ${order._count.lines} items`}
          trailing={formatMoney(order.totalMinor, order.currency)}
          onPress={() => router.push({ pathname: "/orders/[id]", params: { id: order.id } })}
        />
      )}
    />
  );
}
