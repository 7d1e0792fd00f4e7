import type { RouterOutputs } from "@tally/api";

export type OrderStatus = RouterOutputs["orders"]["get"]["status"];

/** The filter chips, in the order an order moves through them. */
export const orderStatuses: readonly OrderStatus[] = ["draft", "placed", "paid", "fulfilled", "cancelled"];

export const orderStatusLabel: Record<OrderStatus, string> = {
  draft: "Draft",
  placed: "Placed",
  paid: "Paid",
  fulfilled: "Fulfilled",
  cancelled: "Cancelled",
};
