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

type Cursor<Key, Where> = ReturnType<typeof keysetCursor<Key>> & {
  /** The rows after `key` in the cursor's order, as a where clause for the model's findMany. */
  after(key: Key): Where;
};
export type CursorKey<C> = C extends Cursor<infer Key, unknown> ? Key : never;

type TimeKey<Field extends string> = Record<Field, Date> & { id: string };
type Before<Field extends string> = {
  OR: [Record<Field, { lt: Date }>, Record<Field, Date> & { id: { lt: string } }];
};

/** Newest first by a timestamp column, ties broken by id (orders, invoices, payments, the audit log). */
export function newestFirst<Field extends string>(field: Field): Cursor<TimeKey<Field>, Before<Field>> {
  return {
    ...keysetCursor<TimeKey<Field>>({
      toParts: (key) => [key[field].toISOString(), key.id],
      fromParts: ([time, id, ...rest]) => {
        const at = new Date(time ?? "");
        if (id === undefined || rest.length > 0 || Number.isNaN(at.getTime())) return null;
        return { [field]: at, id } as TimeKey<Field>;
      },
    }),
    after: (key) => {
      const at: Date = key[field];
      // Computed keys widen to string; the shape is exactly Before<Field>.
      return {
        OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: key.id } }],
      } as unknown as Before<Field>;
    },
  };
}

type NameKey = { name: string; id: string };
type AfterName = { OR: [{ name: { gt: string } }, { name: string; id: { gt: string } }] };

/** A to Z by name, ties broken by id (products, customers). */
export function alphabetical(): Cursor<NameKey, AfterName> {
  return {
    ...keysetCursor<NameKey>({
      toParts: ({ name, id }) => [name, id],
      fromParts: ([name, id, ...rest]) =>
        name !== undefined && id !== undefined && rest.length === 0 ? { name, id } : null,
    }),
    after: ({ name, id }) => ({ OR: [{ name: { gt: name } }, { name, id: { gt: id } }] }),
  };
}
