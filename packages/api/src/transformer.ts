import superjson, { type SuperJSONResult } from "superjson";

/**
 * superjson both ways, as every client expects, with two shortcuts that give
 * the same bytes on the wire:
 * - inputs reach the server as freshly parsed JSON that nothing else holds,
 *   so they are converted in place, as `superjson.parse` does, rather than
 *   deep-copied first;
 * - an output that is plain JSON already (the common case for small answers)
 *   needs no annotations, and superjson would only copy it into `{ json }`.
 */
export const transformer = {
  input: {
    serialize: superjson.serialize,
    deserialize: (payload: SuperJSONResult) => superjson.deserialize(payload, { inPlace: true }),
  },
  output: {
    serialize: (value: unknown): SuperJSONResult =>
      isPlainJson(value, new Set()) ? { json: value as SuperJSONResult["json"] } : superjson.serialize(value),
    deserialize: superjson.deserialize,
  },
};

/**
 * True when superjson would annotate nothing: only strings, booleans, null,
 * finite numbers other than -0, arrays without holes and plain objects, each
 * object met once (superjson records repeated references).
 */
export function isPlainJson(value: unknown, seen: Set<object>): boolean {
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
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++)
          if (!(index in value) || !isPlainJson(value[index], seen)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (key === "__proto__" || !isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
