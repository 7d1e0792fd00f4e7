import type { EventMessage } from "@tally/api";
import type { trpc } from "@/trpc/react";

type Utils = ReturnType<typeof trpc.useUtils>;

/** Which cached queries an event makes stale; react-query refetches those on screen and drops the rest. */
export function refreshFor(utils: Utils, message: EventMessage): Promise<unknown> {
  if (message.type === "ready") return Promise.resolve(); // the stream's starting point, nothing changed
  if (message.type === "resync") return utils.invalidate();
  const { event } = message;
  switch (event.kind) {
    case "order.created":
    case "order.placed":
    case "order.cancelled":
    case "order.fulfilled":
    case "order.paid":
      return Promise.all([
        utils.orders.list.invalidate(),
        utils.orders.get.invalidate({ id: event.recordId }),
        utils.dashboard.invalidate(),
      ]);
    case "invoice.issued":
    case "invoice.paid":
    case "invoice.voided":
      return Promise.all([
        utils.invoices.list.invalidate(),
        utils.invoices.get.invalidate({ id: event.recordId }),
        utils.orders.get.invalidate({ id: event.data.orderId }),
        utils.dashboard.invalidate(),
      ]);
    case "payment.received":
      return Promise.all([
        utils.invoices.list.invalidate(),
        utils.invoices.get.invalidate({ id: event.data.invoiceId }),
        utils.payments.list.invalidate(),
      ]);
    case "stock.changed":
      return utils.catalog.products.invalidate();
    case "report.progress":
      return utils.reports.invalidate();
    case "member.removed":
      return utils.org.members.list.invalidate();
  }
}
