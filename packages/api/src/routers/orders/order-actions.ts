import type { OrderStatus } from "@tally/validators";
import { hasRole, type Role } from "../org/roles.ts";
import { EDITABLE, INVOICEABLE, TRANSITIONS } from "./order-transitions.ts";

/** `edit` is adding, changing and removing lines; `invoice` is issuing the order's invoice. */
export const ORDER_ACTIONS = ["edit", "place", "invoice", "fulfil", "cancel"] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

type OrderState = { status: OrderStatus; invoices: ReadonlyArray<{ status: string }> };

/**
 * Who may do each action (the role the procedure demands: order-actions.test.ts
 * checks they agree) and in which states. An order with a live invoice
 * cannot be cancelled (void the invoice first) nor invoiced again.
 */
const RULES: Record<OrderAction, { minimum: Role; allows(order: OrderState): boolean }> = {
  edit: { minimum: "member", allows: (order) => EDITABLE.includes(order.status) },
  place: { minimum: "member", allows: (order) => inState(order, TRANSITIONS.place.from) },
  invoice: { minimum: "admin", allows: (order) => inState(order, INVOICEABLE) && !hasLiveInvoice(order) },
  fulfil: { minimum: "member", allows: (order) => inState(order, TRANSITIONS.fulfil.from) },
  cancel: {
    minimum: "admin",
    allows: (order) => inState(order, TRANSITIONS.cancel.from) && !hasLiveInvoice(order),
  },
};

/** The role the action's procedure demands, for the test that keeps the two in step. */
export function minimumRoleFor(action: OrderAction): Role {
  return RULES[action].minimum;
}

/**
 * What the caller may do with the order now, so clients show exactly these
 * controls instead of re-deriving the state machine. The procedures still
 * check everything: this can be stale by the time a button is pressed.
 */
export function allowedOrderActions(order: OrderState, role: Role): OrderAction[] {
  return ORDER_ACTIONS.filter(
    (action) => hasRole(role, RULES[action].minimum) && RULES[action].allows(order),
  );
}

function inState(order: OrderState, states: readonly OrderStatus[]): boolean {
  return states.includes(order.status);
}

function hasLiveInvoice(order: OrderState): boolean {
  return order.invoices.some((invoice) => invoice.status !== "void");
}
