"use client";

import { formatMoney } from "@tally/validators";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { StatusBadge } from "@/components/status-badge";
import { ORDER_STATUS_LABELS, orderReference } from "@/features/orders/order";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { PanelBody } from "./panel-body";
import { useDashboardOverview } from "./use-dashboard";

export function RecentOrdersPanel() {
  const overview = useDashboardOverview();
  return (
    <PanelBody
      query={overview}
      what="recent orders"
      isEmpty={(data) => data.recentOrders.length === 0}
      empty={
        <>
          No orders yet. <Link href="/orders/new">Create the first one</Link>
        </>
      }
    >
      {({ recentOrders }) => (
        <>
          <div className="table-scroll">
            <table className="data-table compact">
              <caption className="visually-hidden">Recent orders, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Total
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {recentOrders.map((order) => (
                  <tr key={order.id}>
                    <th scope="row">
                      <Link href={`/orders/${order.id}`}>{orderReference(order.id)}</Link>
                    </th>
                    <td>{order.customer.name}</td>
                    <td>
                      <StatusBadge status={order.status} label={ORDER_STATUS_LABELS[order.status]} />
                    </td>
                    <td className="number">
                      {order.currency ? formatMoney(order.totalMinor, order.currency, DISPLAY_LOCALE) : "—"}
                    </td>
                    <td className="nowrap">
                      <DateTime value={order.createdAt} style="date" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="panel-link">
            <Link href="/orders">All orders</Link>
          </p>
        </>
      )}
    </PanelBody>
  );
}
