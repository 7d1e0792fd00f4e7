import type { Prisma } from "@tally/db";
import { keysetCursor } from "../../pagination.ts";

/** Products page alphabetically, ties broken by id. */
export type ProductKey = { name: string; id: string };

export const productCursor = keysetCursor<ProductKey>({
  toParts: ({ name, id }) => [name, id],
  fromParts: ([name, id, ...rest]) =>
    name !== undefined && id !== undefined && rest.length === 0 ? { name, id } : null,
});

export function productsAfter({ name, id }: ProductKey): Prisma.ProductWhereInput {
  return { OR: [{ name: { gt: name } }, { name, id: { gt: id } }] };
}
