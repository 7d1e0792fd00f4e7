import superjson, { type SuperJSONResult } from "superjson";

/**
 * superjson both ways, as every client expects, with two shortcuts that give
 * the same bytes on the wire (transformer.test.ts compares them):
 * - inputs reach the server as freshly parsed JSON that nothing else holds,
 *   so they are converted in place, as `superjson.parse` does, rather than
 *   deep-copied first;
 * - an output made of plain JSON and Dates (most answers: rows with
 *   timestamps) is annotated in one pass. superjson's general walk copies the
 *   whole tree and builds a path array per node; it was the largest cost of
 *   serving a page of products after the database.
 */
export const transformer = {
  input: {
    serialize: superjson.serialize,
    deserialize: (payload: SuperJSONResult) => superjson.deserialize(payload, { inPlace: true }),
  },
  output: {
    serialize: serializeOutput,
    deserialize: superjson.deserialize,
  },
};

type Json = SuperJSONResult["json"];

export function serializeOutput(value: unknown): SuperJSONResult {
  const annotations = dateAnnotations(value);
  if (annotations === null) return superjson.serialize(value);
  // JSON.stringify writes each Date with toISOString, exactly what superjson puts in `json`.
  if (annotations === undefined) return { json: value as Json };
  return { json: value as Json, meta: { values: annotations, v: 1 } } as SuperJSONResult;
}

/** superjson's `meta.values`: at each level, escaped keys (joined by dots below it) to `["Date"]`. */
type Annotations = Record<string, unknown>;
type Found = Annotations | ["Date"] | undefined;

/**
 * superjson's annotations for `value` when Dates are all it would annotate:
 * otherwise strings, booleans, null, finite numbers other than -0, arrays
 * without holes or extra properties, and plain objects, each met once
 * (superjson records repeated references) and none with its own `toJSON`.
 * Built level by level as superjson builds them, so keys come in its order.
 * `undefined` when there is nothing to annotate; null when superjson must
 * decide (including the keys it refuses).
 */
export function dateAnnotations(value: unknown): Annotations | undefined | null {
  if (value instanceof Date) return null; // superjson annotates a Date at the root differently
  const found = annotate(value, new Set());
  return found === null ? null : (found as Annotations | undefined);
}

const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function annotate(value: unknown, seen: Set<object>): Found | null {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? undefined : null;
    case "object": {
      if (value === null) return undefined;
      if (seen.has(value) || Object.hasOwn(value, "toJSON")) return null;
      seen.add(value);
      if (value instanceof Date) {
        const plainDate = Object.getPrototypeOf(value) === Date.prototype && !Number.isNaN(value.getTime());
        return plainDate ? ["Date"] : null;
      }
      if (Array.isArray(value)) {
        if (Object.keys(value).length !== value.length) return null; // holes or extra properties
      } else {
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) return null;
      }
      let inner: Annotations | undefined;
      for (const key in value) {
        if (REFUSED_KEYS.has(key)) return null;
        const found = annotate((value as Record<string, unknown>)[key], seen);
        if (found === null) return null;
        if (found === undefined) continue;
        inner ??= {};
        if (Array.isArray(found)) inner[escapeKey(key)] = found;
        else for (const [path, tree] of Object.entries(found)) inner[`${escapeKey(key)}.${path}`] = tree;
      }
      return inner;
    }
    default:
      return null;
  }
}

/** superjson's path notation: dots and backslashes in a key are escaped. */
function escapeKey(key: string): string {
  return key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
}
