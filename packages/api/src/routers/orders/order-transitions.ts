import type { OrderStatus } from "@tally/validators";

/** Every status change an order can make by hand, and from where. Paying happens through a payment, never by hand. */
export const TRANSITIONS = {
  place: { from: ["draft"], to: "placed", stamp: "placedAt" },
  cancel: { from: ["draft", "placed"], to: "cancelled", stamp: "cancelledAt" },
  fulfil: { from: ["paid"], to: "fulfilled", stamp: "fulfilledAt" },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus; stamp: string }>;

export type Transition = keyof typeof TRANSITIONS;

/** Lines change only while the order is a draft. */
export const EDITABLE: readonly OrderStatus[] = ["draft"];

/** What can be billed: an order whose stock is reserved, paid for or not. */
export const INVOICEABLE: readonly OrderStatus[] = ["placed", "paid"];
