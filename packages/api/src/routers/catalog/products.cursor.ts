import type { Prisma } from "@tally/db";
import { badInput } from "../../errors.ts";

/**
 * Keyset cursors over (name, id): opaque to clients, stable under inserts, and
 * resolved without reading the cursor row, so a cursor can never reveal
 * anything about another organisation's products.
 */
type ProductKey = { name: string; id: string };

export function encodeProductCursor({ name, id }: ProductKey): string {
  return Buffer.from(JSON.stringify([name, id])).toString("base64url");
}

export function productsAfter(cursor: string): Prisma.ProductWhereInput {
  const { name, id } = decode(cursor);
  return { OR: [{ name: { gt: name } }, { name, id: { gt: id } }] };
}

function decode(cursor: string): ProductKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [name, id] = value;
      if (typeof name === "string" && typeof id === "string") return { name, id };
    }
  } catch {
    // fall through to the same answer as a well-formed but wrong cursor
  }
  throw badInput("cursor", "Invalid cursor: use the nextCursor of a previous page");
}
