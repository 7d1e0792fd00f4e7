import type { CursorPage } from "@tally/validators";
import { z } from "zod";

/** A list's input once its cursor is decoded: what the router hands the service. */
export type PageQuery<Pages, Input extends { cursor?: string | undefined }> = Pages extends {
  encode(key: infer Key): string;
}
  ? Omit<Input, "cursor"> & { cursor?: Key | undefined }
  : never;

/**
 * Keyset pagination, the one way every list pages. A cursor is the sort key
 * of the last row, opaque to clients. It stays stable under inserts and is
 * resolved without reading the cursor's row, so a cursor can never reveal
 * anything about another organisation's data.
 *
 * A list picks its order once (`newestFirst("createdAt")`, `alphabetical()`)
 * and gets everything else from it: the input schema with a decoded cursor,
 * and `fetchPage`, which adds the cursor's where clause, the order and the
 * extra row that says whether another page exists.
 */
function keyset<Key, After, OrderBy>(order: {
  toParts(key: Key): string[];
  fromParts(parts: string[]): Key | null;
  after(key: Key): After;
  orderBy: OrderBy;
}) {
  const encode = (key: Key) => Buffer.from(JSON.stringify(order.toParts(key))).toString("base64url");
  const decode = (cursor: string): Key | null => {
    try {
      const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      if (!Array.isArray(parts) || !parts.every((part) => typeof part === "string")) return null;
      return order.fromParts(parts);
    } catch {
      return null;
    }
  };
  const cursor = z.string().transform((text, ctx): Key => {
    const key = decode(text);
    if (key) return key;
    ctx.addIssue({ code: "custom", message: "Invalid cursor: use the nextCursor of a previous page" });
    return z.NEVER;
  });
  return {
    encode,
    /** The list's input with `cursor` decoded, so a bad cursor is an ordinary BAD_REQUEST on `cursor`. */
    input: <Shape extends z.ZodRawShape>(filters: z.ZodObject<Shape>) =>
      filters.extend({ cursor: cursor.optional() }),
    /** One page of `query`'s rows after the input's cursor, in this order. */
    async fetchPage<Row extends Key>(
      input: { limit: number; cursor?: Key | undefined },
      query: (page: {
        after: After | Record<string, never>;
        orderBy: OrderBy;
        take: number;
      }) => Promise<Row[]>,
    ): Promise<CursorPage<Row>> {
      const rows = await query({
        after: input.cursor ? order.after(input.cursor) : {},
        orderBy: order.orderBy,
        // The extra row only says whether another page exists.
        take: input.limit + 1,
      });
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > input.limit && last ? encode(last) : null };
    },
  };
}

type TimeKey<Field extends string> = Record<Field, Date> & { id: string };
type Before<Field extends string> = {
  OR: [Record<Field, { lt: Date }>, Record<Field, Date> & { id: { lt: string } }];
};
type Descending<Field extends string> = [Record<Field, "desc">, { id: "desc" }];

/** Newest first by a timestamp column, ties broken by id (orders, invoices, payments, the audit log). */
export function newestFirst<Field extends string>(field: Field) {
  // Computed keys widen to string; each shape below is exactly the type it is cast to.
  const byField = <Value>(value: Value) => ({ [field]: value }) as Record<Field, Value>;
  return keyset<TimeKey<Field>, Before<Field>, Descending<Field>>({
    toParts: (key) => [key[field].toISOString(), key.id],
    fromParts: ([time, id, ...rest]) => {
      const at = new Date(time ?? "");
      if (id === undefined || rest.length > 0 || Number.isNaN(at.getTime())) return null;
      return { ...byField(at), id };
    },
    after: (key) => ({ OR: [byField({ lt: key[field] }), { ...byField(key[field]), id: { lt: key.id } }] }),
    orderBy: [byField("desc" as const), { id: "desc" }],
  });
}

type NameKey = { name: string; id: string };
type AfterName = { OR: [{ name: { gt: string } }, { name: string; id: { gt: string } }] };
type Ascending = [{ name: "asc" }, { id: "asc" }];

/** A to Z by name, ties broken by id (products, customers). */
export function alphabetical() {
  return keyset<NameKey, AfterName, Ascending>({
    toParts: ({ name, id }) => [name, id],
    fromParts: ([name, id, ...rest]) =>
      name !== undefined && id !== undefined && rest.length === 0 ? { name, id } : null,
    after: ({ name, id }) => ({ OR: [{ name: { gt: name } }, { name, id: { gt: id } }] }),
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
