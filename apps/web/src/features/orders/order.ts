import type { RouterOutputs } from "@tally/api";
import type { OrderStatus } from "@tally/validators";

/** An order with its lines and totals, as the API returns it. */
export type Order = RouterOutputs["orders"]["get"];
export type OrderLine = Order["lines"][number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  draft: "Draft",
  placed: "Placed",
  paid: "Paid",
  fulfilled: "Fulfilled",
  cancelled: "Cancelled",
};

/** Orders have no number of their own: the end of the id is short, stable and unique enough to say. */
export function orderReference(id: string): string {
  return `#${id.slice(-8).toUpperCase()}`;
}
