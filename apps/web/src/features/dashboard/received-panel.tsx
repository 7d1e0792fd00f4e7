"use client";

import Link from "next/link";
import { BucketChart } from "./bucket-chart";
import { PanelBody } from "./panel-body";
import { useDashboardCash } from "./use-dashboard";

/** Succeeded payments by when the money arrived (admins and owners only). */
export function ReceivedPanel() {
  const cash = useDashboardCash();
  return (
    <PanelBody
      query={cash}
      what="payments received"
      isEmpty={(data) => data.received.months.length === 0}
      empty="No payments received in the last six months."
    >
      {({ received }) => (
        <>
          <BucketChart title="Received" weeks={received.weeks} months={received.months} />
          <p className="panel-link">
            <Link href="/payments">All payments</Link>
          </p>
        </>
      )}
    </PanelBody>
  );
}
