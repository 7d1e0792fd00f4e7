"use client";

import { trpc } from "@/trpc/react";
import type { Order } from "./order";

/** Enough to cover every invoice a customer is likely to have; an order has at most one that is not void. */
const CUSTOMER_INVOICES = 100;

/**
 * The order's current invoice (the one that is not void), if any. `orders.get`
 * does not name it, so this reads the customer's invoices and picks the
 * order's: a small query, and only for orders that can have one.
 */
export function useOrderInvoice(order: Order) {
  const invoiceable = order.status !== "draft";
  const invoices = trpc.invoices.list.useQuery(
    { customerId: order.customer.id, limit: CUSTOMER_INVOICES },
    { enabled: invoiceable },
  );
  const forOrder = invoices.data?.items.filter((invoice) => invoice.orderId === order.id) ?? [];
  return {
    /** False until known, so "Issue invoice" is not offered for an order that already has one. */
    known: !invoiceable || invoices.isSuccess,
    current: forOrder.find((invoice) => invoice.status !== "void") ?? null,
    voided: forOrder.filter((invoice) => invoice.status === "void"),
  };
}

export type OrderInvoice = ReturnType<typeof useOrderInvoice>;
