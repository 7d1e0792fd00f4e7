"use client";

import { formatMoney } from "@tally/validators";
import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { PagedList } from "@/components/paged-list";
import { StatusBadge } from "@/components/status-badge";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { trpc } from "@/trpc/react";
import { ORDER_STATUS_LABELS, orderReference } from "./order";
import { type OrderFilters, orderListInput } from "./order-filters";

/** Orders newest first, a page at a time; on the first visit the server already fetched page one. */
export function OrderList({ filters }: { filters: OrderFilters }) {
  const list = trpc.orders.list.useInfiniteQuery(orderListInput(filters), {
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });

  return (
    <PagedList query={list} loading="Loading orders…" what="orders" empty="No orders match these filters.">
      {(orders) => (
        <table className="data-table">
          <caption className="visually-hidden">Orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col" className="number">
                Lines
              </th>
              <th scope="col" className="number">
                Total
              </th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <th scope="row">
                  <Link href={`/orders/${order.id}`}>{orderReference(order.id)}</Link>
                </th>
                <td>{order.customer.name}</td>
                <td>
                  <StatusBadge status={order.status} label={ORDER_STATUS_LABELS[order.status]} />
                </td>
                <td className="number">{order._count.lines}</td>
                <td className="number">
                  {order.currency ? formatMoney(order.totalMinor, order.currency, DISPLAY_LOCALE) : "—"}
                </td>
                <td className="nowrap">
                  <DateTime value={order.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}
