import { useState } from "react";
import { trpc } from "../api/trpc.ts";
import { newIdempotencyKey } from "./idempotency-key.ts";
import { refreshAfterPlacing } from "./refresh-after-placing.ts";

export function usePlaceOrder(orderId: string) {
  const utils = trpc.useUtils();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const mutation = trpc.orders.place.useMutation({ onSuccess: () => refreshAfterPlacing(utils) });
  /** `version` is the one on screen: if someone changed the order since, the server refuses. */
  const place = (version: number) => mutation.mutate({ orderId, version, idempotencyKey });
  return { ...mutation, place };
}

export function useAddOrderItem() {
  const utils = trpc.useUtils();
  return trpc.orders.addItem.useMutation({
    onSuccess: (order) => {
      utils.orders.get.setData({ id: order.id }, order);
      return utils.orders.list.invalidate();
    },
  });
}

export function useCreateOrder() {
  const utils = trpc.useUtils();
  return trpc.orders.create.useMutation({
    onSuccess: (order) => {
      utils.orders.get.setData({ id: order.id }, order);
      return utils.orders.list.invalidate();
    },
  });
}
