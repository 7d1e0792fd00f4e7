"use client";

import { formatMoney } from "@tally/validators";
import Link from "next/link";
import { DISPLAY_LOCALE } from "@/lib/locale";
import type { DashboardOverview } from "./dashboard";
import { PanelBody } from "./panel-body";
import { useDashboardOverview } from "./use-dashboard";

type Which = "open" | "overdue";

const COPY: Record<Which, { what: string; href: string; empty: string; link: string }> = {
  open: {
    what: "open invoices",
    href: "/invoices?status=issued",
    empty: "Nothing is owed: every invoice is paid or void.",
    link: "open invoice",
  },
  overdue: {
    what: "overdue invoices",
    href: "/invoices?status=overdue",
    empty: "No invoice is overdue.",
    link: "overdue invoice",
  },
};

const totalsOf = (data: DashboardOverview, which: Which) =>
  which === "open" ? data.openInvoices : data.overdueInvoices;

/** What is still owed on issued invoices (or on those past due), per currency, linking to that list. */
export function InvoiceTotalsPanel({ which }: { which: Which }) {
  const overview = useDashboardOverview();
  const copy = COPY[which];
  return (
    <PanelBody
      query={overview}
      what={copy.what}
      isEmpty={(data) => totalsOf(data, which).length === 0}
      empty={copy.empty}
    >
      {(data) => (
        <ul className="figures">
          {totalsOf(data, which).map((total) => (
            <li key={total.currency}>
              <Link href={copy.href} className={`figure figure-${which}`}>
                <span className="figure-amount" data-testid={`${which}-balance-${total.currency}`}>
                  {formatMoney(total.balanceMinor, total.currency, DISPLAY_LOCALE)}
                </span>
                <span className="figure-label" data-testid={`${which}-count-${total.currency}`}>
                  owed on {total.count} {copy.link}
                  {total.count === 1 ? "" : "s"}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PanelBody>
  );
}
