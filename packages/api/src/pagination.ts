import type { CursorPage } from "@tally/validators";
import { z } from "zod";

/**
 * Keyset cursors: the sort key of the last row, opaque to clients. They stay
 * stable under inserts and are resolved without reading the cursor's row, so
 * a cursor can never reveal anything about another organisation's data.
 */
export function keysetCursor<Key>(codec: {
  toParts(key: Key): string[];
  fromParts(parts: string[]): Key | null;
}) {
  const decode = (cursor: string): Key | null => {
    try {
      const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      if (!Array.isArray(parts) || !parts.every((part) => typeof part === "string")) return null;
      return codec.fromParts(parts);
    } catch {
      return null;
    }
  };
  return {
    encode: (key: Key) => Buffer.from(JSON.stringify(codec.toParts(key))).toString("base64url"),
    /** Decodes in the input schema, so a bad cursor is an ordinary BAD_REQUEST on `cursor`. */
    input: z.string().transform((cursor, ctx): Key => {
      const key = decode(cursor);
      if (key) return key;
      ctx.addIssue({ code: "custom", message: "Invalid cursor: use the nextCursor of a previous page" });
      return z.NEVER;
    }),
  };
}

/** Rows fetched with `take: limit + 1`: the extra row only says whether another page exists. */
export function toPage<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => string): CursorPage<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}
