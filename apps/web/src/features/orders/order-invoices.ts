import type { Order } from "./order";

/** The order's current invoice (the one that is not void) and the voided ones, as `orders.get` names them. */
export function orderInvoices(order: Order) {
  return {
    current: order.invoices.find((invoice) => invoice.status !== "void") ?? null,
    voided: order.invoices.filter((invoice) => invoice.status === "void"),
  };
}

export type OrderInvoice = ReturnType<typeof orderInvoices>;
