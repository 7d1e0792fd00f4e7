import type { Prisma } from "@tally/db";
import { keysetCursor } from "../../pagination.ts";

/** Newest first, ties broken by id. */
export type InvoiceKey = { issuedAt: Date; id: string };

export const invoiceCursor = keysetCursor<InvoiceKey>({
  toParts: ({ issuedAt, id }) => [issuedAt.toISOString(), id],
  fromParts: ([time, id, ...rest]) => {
    const issuedAt = new Date(time ?? "");
    return id !== undefined && rest.length === 0 && !Number.isNaN(issuedAt.getTime())
      ? { issuedAt, id }
      : null;
  },
});

export function invoicesBefore({ issuedAt, id }: InvoiceKey): Prisma.InvoiceWhereInput {
  return { OR: [{ issuedAt: { lt: issuedAt } }, { issuedAt, id: { lt: id } }] };
}
