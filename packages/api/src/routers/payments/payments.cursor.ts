import type { Prisma } from "@tally/db";
import { keysetCursor } from "../../pagination.ts";

/** Newest first, ties broken by id. */
export type PaymentKey = { receivedAt: Date; id: string };

export const paymentCursor = keysetCursor<PaymentKey>({
  toParts: ({ receivedAt, id }) => [receivedAt.toISOString(), id],
  fromParts: ([time, id, ...rest]) => {
    const receivedAt = new Date(time ?? "");
    return id !== undefined && rest.length === 0 && !Number.isNaN(receivedAt.getTime())
      ? { receivedAt, id }
      : null;
  },
});

export function paymentsBefore({ receivedAt, id }: PaymentKey): Prisma.PaymentWhereInput {
  return { OR: [{ receivedAt: { lt: receivedAt } }, { receivedAt, id: { lt: id } }] };
}
