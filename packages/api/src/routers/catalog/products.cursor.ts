import type { Prisma } from "@tally/db";
import { z } from "zod";

/**
 * Keyset cursors over (name, id): opaque to clients, stable under inserts, and
 * resolved without reading the cursor row, so a cursor can never reveal
 * anything about another organisation's products.
 */
export type ProductKey = { name: string; id: string };

export function encodeProductCursor({ name, id }: ProductKey): string {
  return Buffer.from(JSON.stringify([name, id])).toString("base64url");
}

/** Decodes in the input schema, so a bad cursor is an ordinary BAD_REQUEST on `cursor`. */
export const productCursor = z.string().transform((cursor, ctx): ProductKey => {
  const key = decode(cursor);
  if (key) return key;
  ctx.addIssue({ code: "custom", message: "Invalid cursor: use the nextCursor of a previous page" });
  return z.NEVER;
});

export function productsAfter({ name, id }: ProductKey): Prisma.ProductWhereInput {
  return { OR: [{ name: { gt: name } }, { name, id: { gt: id } }] };
}

function decode(cursor: string): ProductKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [name, id] = value;
    return typeof name === "string" && typeof id === "string" ? { name, id } : null;
  } catch {
    return null;
  }
}
