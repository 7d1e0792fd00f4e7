"use client";

import { invoiceTitle } from "@tally/validators";
import Link from "next/link";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { LoadProblem } from "@/components/load-problem";
import { type Notice, NoticeLine } from "@/components/notice";
import { StatusBadge } from "@/components/status-badge";
import { ORDER_STATUS_LABELS, orderReference } from "@/features/orders/order";
import { trpc } from "@/trpc/react";
import { INVOICE_STATUS_LABELS, type Invoice } from "./invoice";

import { InvoiceAmounts } from "./invoice-amounts";
import { InvoiceEmails } from "./invoice-emails";
import { InvoicePayments } from "./invoice-payments";
import { VoidInvoice } from "./void-invoice";

/** One invoice: its amounts and balance, the payments received, and voiding while nothing is paid. */
export function InvoiceDetail({ id }: { id: string }) {
  const invoice = trpc.invoices.get.useQuery({ id });
  if (invoice.isPending) return <p className="muted">Loading the invoice…</p>;
  if (invoice.isError) {
    if (invoice.error.data?.code === "NOT_FOUND") {
      return (
        <>
          <h1>Invoice not found</h1>
          <p className="muted">
            There is no such invoice in this organisation. <Link href="/invoices">All invoices</Link>
          </p>
        </>
      );
    }
    return <LoadProblem what="the invoice" message={invoice.error.message} onRetry={invoice.refetch} />;
  }
  return <InvoiceScreen invoice={invoice.data} />;
}

function InvoiceScreen({ invoice }: { invoice: Invoice }) {
  const [notice, setNotice] = useState<Notice>(null);
  const { order } = invoice;
  const canVoid = invoice.allowedActions.includes("void");

  return (
    <>
      <div className="page-heading">
        <h1>{invoiceTitle(invoice.number)}</h1>
        <StatusBadge status={invoice.status} label={INVOICE_STATUS_LABELS[invoice.status]} />
        <a className="button" href={`/api/invoices/${encodeURIComponent(invoice.id)}/pdf`} download>
          Download PDF
        </a>
      </div>
      <p className="muted record-meta">
        To {order.customer.name}
        {" · issued "}
        <DateTime value={invoice.issuedAt} />
        {" · due "}
        <DateTime value={invoice.dueAt} style="date" />
        {invoice.paidAt && (
          <>
            {" · paid "}
            <DateTime value={invoice.paidAt} />
          </>
        )}
        {invoice.voidedAt && (
          <>
            {" · voided "}
            <DateTime value={invoice.voidedAt} />
          </>
        )}
      </p>
      <NoticeLine notice={notice} />
      <div className="split-layout">
        <div className="stack">
          <section className="panel" aria-label="Amounts">
            <InvoiceAmounts invoice={invoice} />
          </section>
          <section className="panel" aria-label="Payments">
            <h2>Payments</h2>
            <InvoicePayments payments={invoice.payments} />
          </section>
          <section className="panel" aria-label="Emails">
            <h2>Emails</h2>
            <InvoiceEmails emails={invoice.emailMessages} />
          </section>
        </div>
        <aside className="stack">
          <section className="panel" aria-label="Order">
            <h2>Order</h2>
            <p>
              <Link href={`/orders/${order.id}`}>Order {orderReference(order.id)}</Link>{" "}
              <StatusBadge status={order.status} label={ORDER_STATUS_LABELS[order.status]} />
            </p>
          </section>
          {canVoid && (
            <section className="panel" aria-label="Actions">
              <h2>Actions</h2>
              <VoidInvoice invoice={invoice} onNotice={setNotice} />
            </section>
          )}
        </aside>
      </div>
    </>
  );
}
