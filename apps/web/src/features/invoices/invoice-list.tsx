"use client";

import { formatMoney, invoiceTitle } from "@tally/validators";
import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { PagedList } from "@/components/paged-list";
import { StatusBadge } from "@/components/status-badge";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { trpc } from "@/trpc/react";
import { INVOICE_STATUS_LABELS, invoiceBalance } from "./invoice";
import { type InvoiceFilters, invoiceListInput } from "./invoice-filters";

/** Invoices newest first, a page at a time; on the first visit the server already fetched page one. */
export function InvoiceList({ filters }: { filters: InvoiceFilters }) {
  const list = trpc.invoices.list.useInfiniteQuery(invoiceListInput(filters), {
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });

  return (
    <PagedList
      query={list}
      loading="Loading invoices…"
      what="invoices"
      empty="No invoices match these filters."
    >
      {(invoices) => (
        <table className="data-table">
          <caption className="visually-hidden">Invoices, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col" className="number">
                Total
              </th>
              <th scope="col" className="number">
                Balance due
              </th>
              <th scope="col">Issued</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                <th scope="row">
                  <Link href={`/invoices/${invoice.id}`}>{invoiceTitle(invoice.number)}</Link>
                </th>
                <td>{invoice.order.customer.name}</td>
                <td>
                  <StatusBadge status={invoice.status} label={INVOICE_STATUS_LABELS[invoice.status]} />
                </td>
                <td className="number">
                  {formatMoney(invoice.totalMinor, invoice.currency, DISPLAY_LOCALE)}
                </td>
                <td className="number">
                  {formatMoney(invoiceBalance(invoice).due, invoice.currency, DISPLAY_LOCALE)}
                </td>
                <td className="nowrap">
                  <DateTime value={invoice.issuedAt} style="date" />
                </td>
                <td className="nowrap">
                  <DateTime value={invoice.dueAt} style="date" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}
