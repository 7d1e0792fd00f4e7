import type { Prisma } from "@tally/db";
import type { OrderAction } from "./order-actions.ts";

const orderLineSelect = {
  id: true,
  productId: true,
  sku: true,
  productName: true,
  unitPriceMinor: true,
  quantity: true,
  lineTotalMinor: true,
} satisfies Prisma.OrderLineSelect;

const orderSummaryFields = {
  id: true,
  status: true,
  currency: true,
  subtotalMinor: true,
  taxRateBasisPoints: true,
  taxMinor: true,
  totalMinor: true,
  note: true,
  version: true,
  placedAt: true,
  paidAt: true,
  fulfilledAt: true,
  cancelledAt: true,
  createdAt: true,
  updatedAt: true,
  customer: { select: { id: true, name: true } },
} satisfies Prisma.OrderSelect;

/** A row of the orders list: no lines, just how many. */
export const orderSummarySelect = {
  ...orderSummaryFields,
  _count: { select: { lines: true } },
} satisfies Prisma.OrderSelect;

export const orderSelect = {
  ...orderSummaryFields,
  lines: { select: orderLineSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  /** At most one is not void; voided ones stay listed with their numbers. */
  invoices: { select: { id: true, number: true, status: true }, orderBy: { number: "asc" } },
} satisfies Prisma.OrderSelect;

export type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;
/** An order as every procedure returns it: the row, and what the caller may do with it now. */
export type OrderView = OrderRow & { allowedActions: OrderAction[] };
export type OrderSummaryView = Prisma.OrderGetPayload<{ select: typeof orderSummarySelect }>;
