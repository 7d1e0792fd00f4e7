"use client";

import { formatMoney, invoiceTitle } from "@tally/validators";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { PagedList } from "@/components/paged-list";
import { StatusBadge } from "@/components/status-badge";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { trpc } from "@/trpc/react";
import { PAYMENT_STATUS_LABELS } from "./payment";
import { firstPaymentsPage } from "./payment-pages";

/** Every payment the provider reported, newest first, a page at a time. */
export function PaymentList() {
  const list = trpc.payments.list.useInfiniteQuery(firstPaymentsPage, {
    getNextPageParam: (page) => page.nextCursor,
  });

  return (
    <PagedList
      query={list}
      loading="Loading payments…"
      what="payments"
      empty="No payments yet. They arrive from the payment provider’s webhook."
    >
      {(payments) => (
        <table className="data-table">
          <caption className="visually-hidden">Payments, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Invoice</th>
              <th scope="col">Provider reference</th>
              <th scope="col">Status</th>
              <th scope="col" className="number">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id}>
                <td className="nowrap">
                  <DateTime value={payment.receivedAt} />
                </td>
                <th scope="row">
                  <Link href={`/invoices/${payment.invoice.id}`}>{invoiceTitle(payment.invoice.number)}</Link>
                </th>
                <td className="reference">{payment.providerPaymentId}</td>
                <td>
                  <StatusBadge status={payment.status} label={PAYMENT_STATUS_LABELS[payment.status]} />
                </td>
                <td className="number">
                  {formatMoney(payment.amountMinor, payment.currency, DISPLAY_LOCALE)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}
