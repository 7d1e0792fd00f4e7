"use client";

import type { Notice } from "@/components/notice";
import { serverProblem } from "@/lib/issues";
import { trpc } from "@/trpc/react";
import type { Order } from "./order";

/**
 * Adding, changing and removing lines of a draft. Each edit sends the version
 * on screen and the server answers with the whole order, new totals and
 * version included: that answer replaces the cached order, so the totals on
 * screen are always the server's. An edit made against an older version is
 * refused (CONFLICT): the latest order is loaded and the user told to redo it.
 */
export function useOrderEdits(order: Order, onNotice: (notice: Notice) => void) {
  const utils = trpc.useUtils();
  const options = {
    onSuccess: (updated: Order) => {
      utils.orders.get.setData({ id: updated.id }, updated);
      void utils.orders.list.invalidate();
    },
    onError: async (error: Parameters<typeof serverProblem>[0]) => {
      const problem = serverProblem(error);
      if (problem.code !== "CONFLICT") return onNotice({ kind: "problem", text: problem.message });
      await utils.orders.get.invalidate({ id: order.id });
      const latest = utils.orders.get.getData({ id: order.id });
      const movedOn = latest?.status === "draft" && latest.version !== order.version;
      onNotice({
        kind: "problem",
        text: movedOn
          ? "Someone else changed this order while you were editing it. The latest version is shown: make your change again."
          : problem.message,
      });
    },
  };
  const add = trpc.orders.addItem.useMutation(options);
  const update = trpc.orders.updateItem.useMutation(options);
  const remove = trpc.orders.removeItem.useMutation(options);
  const base = { orderId: order.id, version: order.version };

  return {
    /** One edit at a time: each needs the version the previous one produced. */
    busy: add.isPending || update.isPending || remove.isPending,
    addItem: (productId: string, quantity: number, name: string) =>
      add.mutate(
        { ...base, productId, quantity },
        { onSuccess: () => onNotice({ kind: "done", text: `Added ${quantity} × ${name}` }) },
      ),
    updateItem: (lineId: string, quantity: number, name: string) =>
      update.mutate(
        { ...base, lineId, quantity },
        { onSuccess: () => onNotice({ kind: "done", text: `${name}: quantity ${quantity}` }) },
      ),
    removeItem: (lineId: string, name: string) =>
      remove.mutate(
        { ...base, lineId },
        { onSuccess: () => onNotice({ kind: "done", text: `Removed ${name}` }) },
      ),
  };
}

export type OrderEdits = ReturnType<typeof useOrderEdits>;
