import type { EventMessage } from "@tally/api";
import { trpc } from "../api/trpc.ts";

const ORDER_KINDS = [
  "order.created",
  "order.placed",
  "order.cancelled",
  "order.fulfilled",
  "order.paid",
] as const;

/** While the orders screen is open, an order changed by anyone (or by a payment) refreshes the list. */
export function useLiveOrders() {
  const utils = trpc.useUtils();
  trpc.events.onChange.useSubscription(
    { kinds: [...ORDER_KINDS] },
    {
      onData: ({ data }: { data: EventMessage }) => {
        if (data.type === "ready") return; // the stream's starting point, nothing changed
        if (data.type === "resync") void utils.orders.invalidate();
        else {
          void utils.orders.list.invalidate();
          void utils.orders.get.invalidate({ id: data.event.recordId });
        }
      },
    },
  );
}
