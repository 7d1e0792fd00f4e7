"use client";

import { formatMoney, invoiceTitle } from "@tally/validators";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { trpc } from "@/trpc/react";
import { InsightBody } from "./insight-panel";
import { type InvoicesAtRisk, PANEL_LIMIT, PANEL_QUERY_OPTIONS } from "./insight-state";

type Answer = Extract<InvoicesAtRisk, { state: "ok" }>;
const BAND_LABELS = { medium: "Medium risk", high: "High risk" } as const;

/** Open invoices likely to be paid late, most likely first, each with its strongest reason (a dashboard panel). */
export function InvoicesAtRiskPanel() {
  const query = trpc.insights.invoicesAtRisk.useQuery(PANEL_LIMIT, PANEL_QUERY_OPTIONS);
  return (
    <InsightBody what="invoices at risk" query={query}>
      {(answer: Answer) =>
        answer.invoices.length === 0 ? (
          <p>No open invoice looks likely to be paid late.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">
              Open invoices likely to be paid late, most likely first
            </caption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Customer</th>
                <th scope="col" className="number">
                  Due amount
                </th>
                <th scope="col">Due</th>
                <th scope="col">Risk</th>
              </tr>
            </thead>
            <tbody>
              {answer.invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link href={`/invoices/${invoice.id}`}>{invoiceTitle(invoice.number)}</Link>
                  </th>
                  <td>{invoice.customerName}</td>
                  <td className="number">
                    {formatMoney(
                      Math.max(0, invoice.totalMinor - invoice.paidMinor),
                      invoice.currency,
                      DISPLAY_LOCALE,
                    )}
                  </td>
                  <td className="nowrap">
                    <DateTime value={invoice.dueAt} style="date" />
                  </td>
                  <td>
                    <span className={`status status-risk-${invoice.band}`}>{BAND_LABELS[invoice.band]}</span>{" "}
                    {Math.round(invoice.probabilityLate * 100)} %<div className="muted">{invoice.reason}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </InsightBody>
  );
}
