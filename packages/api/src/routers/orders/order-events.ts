import type { Prisma } from "@tally/db";
import type { EventInput } from "../../events/events.record.ts";

type OrderKind = "order.created" | "order.placed" | "order.cancelled" | "order.fulfilled" | "order.paid";

/** What an order event carries about the order: ids, status and amounts. */
export const orderEventSelect = {
  id: true,
  status: true,
  totalMinor: true,
  currency: true,
  version: true,
  customer: { select: { id: true } },
} satisfies Prisma.OrderSelect;

type OrderEventSource = Prisma.OrderGetPayload<{ select: typeof orderEventSelect }>;

export function orderEvent(kind: OrderKind, organizationId: string, order: OrderEventSource): EventInput {
  return {
    organizationId,
    kind,
    recordId: order.id,
    data: {
      customerId: order.customer.id,
      status: order.status,
      totalMinor: order.totalMinor,
      currency: order.currency,
      version: order.version,
    },
  };
}

/** Stock an order reserved (negative delta) or gave back, one event per product. */
export function stockMovedEvents(
  organizationId: string,
  orderId: string,
  reason: "order.placed" | "order.cancelled",
  lines: ReadonlyArray<{ productId: string; quantity: number }>,
): EventInput[] {
  const sign = reason === "order.placed" ? -1 : 1;
  return lines.map((line) => ({
    organizationId,
    kind: "stock.changed",
    recordId: line.productId,
    data: { reason, orderId, delta: sign * line.quantity },
  }));
}
