"use client";

import { invoiceTitle, type MemberRole } from "@tally/validators";
import Link from "next/link";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { LoadProblem } from "@/components/load-problem";
import { type Notice, NoticeLine } from "@/components/notice";
import { StatusBadge } from "@/components/status-badge";
import { INVOICE_STATUS_LABELS } from "@/features/invoices/invoice";
import { trpc } from "@/trpc/react";
import { AddProduct } from "./add-product";
import { ORDER_STATUS_LABELS, type Order, orderReference } from "./order";
import { OrderActions } from "./order-actions";
import { type OrderInvoice, orderInvoices } from "./order-invoices";
import { OrderLines } from "./order-lines";
import { OrderTotals } from "./order-totals";
import { useOrderEdits } from "./use-order-edits";

/** One order: its lines (editable while a draft), the server's totals, and what can be done with it. */
export function OrderDetail({ id, role }: { id: string; role: MemberRole }) {
  const order = trpc.orders.get.useQuery({ id });
  if (order.isPending) return <p className="muted">Loading the order…</p>;
  if (order.isError) {
    if (order.error.data?.code === "NOT_FOUND") {
      return (
        <>
          <h1>Order not found</h1>
          <p className="muted">
            There is no such order in this organisation. <Link href="/orders">All orders</Link>
          </p>
        </>
      );
    }
    return <LoadProblem what="the order" message={order.error.message} onRetry={order.refetch} />;
  }
  return <OrderScreen order={order.data} role={role} />;
}

function OrderScreen({ order, role }: { order: Order; role: MemberRole }) {
  const [notice, setNotice] = useState<Notice>(null);
  const edits = useOrderEdits(order, setNotice);
  const invoice = orderInvoices(order);
  const editable = order.allowedActions.includes("edit");

  return (
    <>
      <div className="page-heading">
        <h1>Order {orderReference(order.id)}</h1>
        <StatusBadge status={order.status} label={ORDER_STATUS_LABELS[order.status]} />
      </div>
      <p className="muted record-meta">
        For{" "}
        <Link href={`/orders?customer=${encodeURIComponent(order.customer.id)}`}>{order.customer.name}</Link>
        {" · created "}
        <DateTime value={order.createdAt} />
        {order.placedAt && (
          <>
            {" · placed "}
            <DateTime value={order.placedAt} />
          </>
        )}
        {order.paidAt && (
          <>
            {" · paid "}
            <DateTime value={order.paidAt} />
          </>
        )}
        {order.fulfilledAt && (
          <>
            {" · fulfilled "}
            <DateTime value={order.fulfilledAt} />
          </>
        )}
        {order.cancelledAt && (
          <>
            {" · cancelled "}
            <DateTime value={order.cancelledAt} />
          </>
        )}
      </p>
      <NoticeLine notice={notice} />
      <div className="split-layout">
        <div className="stack">
          <section className="panel" aria-label="Items" aria-busy={edits.busy}>
            <OrderLines order={order} edits={editable ? edits : null} />
            <OrderTotals order={order} />
          </section>
          {editable && <AddProduct edits={edits} />}
          {order.note && (
            <section className="panel" aria-label="Note">
              <h2>Note</h2>
              <p className="note">{order.note}</p>
            </section>
          )}
        </div>
        <aside className="stack">
          <OrderActions order={order} role={role} onNotice={setNotice} />
          <InvoiceLink invoice={invoice} />
        </aside>
      </div>
    </>
  );
}

function InvoiceLink({ invoice }: { invoice: OrderInvoice }) {
  if (!invoice.current && invoice.voided.length === 0) return null;
  return (
    <section className="panel" aria-label="Invoice">
      <h2>Invoice</h2>
      <ul className="plain-list">
        {[...(invoice.current ? [invoice.current] : []), ...invoice.voided].map((item) => (
          <li key={item.id}>
            <Link href={`/invoices/${item.id}`}>{invoiceTitle(item.number)}</Link>
            <StatusBadge status={item.status} label={INVOICE_STATUS_LABELS[item.status]} />
          </li>
        ))}
      </ul>
    </section>
  );
}
