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
  const dates = datePaths(value);
  if (dates === null) return superjson.serialize(value);
  // JSON.stringify writes each Date with toISOString, exactly what superjson puts in `json`.
  if (dates.length === 0) return { json: value as Json };
  const values = Object.fromEntries(dates.map((path) => [path, ["Date"]]));
  return { json: value as Json, meta: { values, v: 1 } } as SuperJSONResult;
}

/**
 * The paths of the Dates in `value`, in superjson's order and notation, when
 * Dates are all superjson would annotate: otherwise strings, booleans, null,
 * finite numbers other than -0, arrays without holes and plain objects, each
 * met once (superjson records repeated references). Null for anything else,
 * including the keys superjson refuses, so superjson decides those.
 */
export function datePaths(value: unknown): string[] | null {
  if (value instanceof Date) return null; // superjson annotates a Date at the root differently
  const found: string[] = [];
  return collect(value, [], found, new Set()) ? found : null;
}

const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function collect(value: unknown, path: string[], found: string[], seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (seen.has(value)) return false;
      seen.add(value);
      if (value instanceof Date) {
        if (Object.getPrototypeOf(value) !== Date.prototype || Number.isNaN(value.getTime())) return false;
        found.push(path.map(escapeKey).join("."));
        return true;
      }
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          if (!(index in value)) return false;
          path.push(String(index));
          const plain = collect(value[index], path, found, seen);
          path.pop();
          if (!plain) return false;
        }
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (REFUSED_KEYS.has(key)) return false;
        path.push(key);
        const plain = collect((value as Record<string, unknown>)[key], path, found, seen);
        path.pop();
        if (!plain) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** superjson's path notation: segments joined by dots, with dots and backslashes escaped. */
function escapeKey(key: string): string {
  return key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
}
