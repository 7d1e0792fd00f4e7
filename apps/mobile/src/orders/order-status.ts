import { type OrderStatus, orderStatus } from "@tally/validators";

export type { OrderStatus };

/** The filter chips, in the order an order moves through them (the API's own list). */
export const orderStatuses: readonly OrderStatus[] = orderStatus.options;

export const orderStatusLabel: Record<OrderStatus, string> = {
  draft: "Draft",
  placed: "Placed",
  paid: "Paid",
  fulfilled: "Fulfilled",
  cancelled: "Cancelled",
};
