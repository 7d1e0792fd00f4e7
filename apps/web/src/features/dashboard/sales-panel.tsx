"use client";

import Link from "next/link";
import { BucketChart } from "./bucket-chart";
import { PanelBody } from "./panel-body";
import { useDashboardOverview } from "./use-dashboard";

/** Orders placed and not cancelled, as the sales reports count them. */
export function SalesPanel() {
  const overview = useDashboardOverview();
  return (
    <PanelBody
      query={overview}
      what="sales"
      isEmpty={(data) => data.sales.months.length === 0}
      empty={
        <>
          No sales in the last six months yet. <Link href="/orders/new">Create an order</Link>
        </>
      }
    >
      {({ sales }) => (
        <>
          <BucketChart title="Sales" weeks={sales.weeks} months={sales.months} />
          <p className="panel-link">
            <Link href="/reports">Sales reports by product, customer or day</Link>
          </p>
        </>
      )}
    </PanelBody>
  );
}
