"use client";

import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { LoadMore } from "@/components/load-more";
import { LoadProblem } from "@/components/load-problem";
import { StatusBadge } from "@/components/status-badge";
import { formatMoney } from "@/lib/money";
import { trpc } from "@/trpc/react";
import { INVOICE_STATUS_LABELS, invoiceBalance, invoiceTitle } from "./invoice";
import { type InvoiceFilters, invoiceListInput } from "./invoice-filters";

/** Invoices newest first, a page at a time; on the first visit the server already fetched page one. */
export function InvoiceList({ filters }: { filters: InvoiceFilters }) {
  const list = trpc.invoices.list.useInfiniteQuery(invoiceListInput(filters), {
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });

  if (list.isPending) return <p className="muted">Loading invoices…</p>;
  if (list.isError)
    return <LoadProblem what="invoices" message={list.error.message} onRetry={list.refetch} />;

  const invoices = list.data.pages.flatMap((page) => page.items);
  if (invoices.length === 0) return <p className="muted">No invoices match these filters.</p>;

  return (
    <div aria-busy={list.isFetching}>
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
              <td className="number">{formatMoney(invoice.totalMinor, invoice.currency)}</td>
              <td className="number">{formatMoney(invoiceBalance(invoice).due, invoice.currency)}</td>
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
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onLoad={list.fetchNextPage} />
    </div>
  );
}
