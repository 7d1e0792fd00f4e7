"use client";

import { RecordFilterBar } from "@/features/lists/record-filter-bar";
import { useUrlFilters } from "@/lib/use-url-filters";
import { ORDER_STATUS_LABELS } from "./order";
import { readOrderFilters, writeOrderFilters } from "./order-filters";
import { OrderList } from "./order-list";

const orderFilterCodec = { read: readOrderFilters, write: writeOrderFilters };

/** The orders screen: filters kept in the address, and the list they select. */
export function OrdersView() {
  const { filters, setFilters } = useUrlFilters(orderFilterCodec);
  return (
    <section aria-label="Order list">
      <RecordFilterBar
        label="Filter orders"
        filters={filters}
        statuses={ORDER_STATUS_LABELS}
        dateWhat="Created"
        onChange={setFilters}
      />
      <OrderList filters={filters} />
    </section>
  );
}
