import { z } from "zod";
import { customerId } from "./customers.ts";
import { withIdempotencyKey } from "./idempotency.ts";
import { cursorPageInput } from "./pagination.ts";
import { recordVersion } from "./record-version.ts";

export const orderStatus = z.enum(["draft", "placed", "paid", "fulfilled", "cancelled"]);
export type OrderStatus = z.infer<typeof orderStatus>;

export const orderId = z.string().trim().min(1).max(64);
const lineId = z.string().trim().min(1).max(64);
const quantity = z.number().int("Whole units only").min(1, "At least 1").max(10_000, "At most 10,000");

export const createOrderInput = z.object({
  customerId,
  note: z.string().trim().max(2000, "At most 2,000 characters").default(""),
});

export const addOrderItemInput = z.object({
  orderId,
  version: recordVersion,
  productId: z.string().trim().min(1).max(64),
  quantity,
});

export const updateOrderItemInput = z.object({ orderId, version: recordVersion, lineId, quantity });
export const removeOrderItemInput = z.object({ orderId, version: recordVersion, lineId });

/** place, cancel and fulfil. */
export const orderTransitionInput = z.object({
  orderId,
  version: recordVersion.optional(),
  ...withIdempotencyKey,
});

export const orderByIdInput = z.object({ id: orderId });

export const listOrdersInput = cursorPageInput.extend({
  status: orderStatus.optional(),
  customerId: customerId.optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

export type CreateOrderInput = z.infer<typeof createOrderInput>;
export type AddOrderItemInput = z.infer<typeof addOrderItemInput>;
export type UpdateOrderItemInput = z.infer<typeof updateOrderItemInput>;
export type RemoveOrderItemInput = z.infer<typeof removeOrderItemInput>;
export type OrderTransitionInput = z.infer<typeof orderTransitionInput>;
export type ListOrdersInput = z.infer<typeof listOrdersInput>;
