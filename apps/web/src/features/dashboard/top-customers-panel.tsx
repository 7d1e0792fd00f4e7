"use client";

import { formatMoney } from "@tally/validators";
import Link from "next/link";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { PanelBody } from "./panel-body";
import { useDashboardOverview } from "./use-dashboard";

/** The biggest buyers over the last six months, each linking to their orders. */
export function TopCustomersPanel() {
  const overview = useDashboardOverview();
  return (
    <PanelBody
      query={overview}
      what="top customers"
      isEmpty={(data) => data.topCustomers.length === 0}
      empty="No customer has placed an order in the last six months."
    >
      {({ topCustomers }) => (
        <ol className="ranked-list">
          {topCustomers.map((customer) => (
            <li key={`${customer.id} ${customer.currency}`}>
              <Link href={`/orders?customer=${encodeURIComponent(customer.id)}`}>{customer.name}</Link>
              <span className="number">
                {formatMoney(customer.totalMinor, customer.currency, DISPLAY_LOCALE)}
                <span className="muted">
                  {" "}
                  · {customer.orders} order{customer.orders === 1 ? "" : "s"}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </PanelBody>
  );
}
