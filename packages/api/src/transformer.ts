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

const DATE = ["Date"];

/** Annotations of one level, in superjson's order: [escaped path, annotation]. */
type Found = Array<[string, string[]]>;

/**
 * superjson's `meta.values` for `value` when Dates are all it would annotate:
 * otherwise strings, booleans, null, finite numbers other than -0, arrays
 * without holes or extra properties, and plain objects, each met once
 * (superjson records repeated references) and none with its own `toJSON`.
 * `undefined` when there is nothing to annotate; null when superjson must
 * decide (including the keys it refuses).
 */
export function dateAnnotations(value: unknown): Record<string, string[]> | undefined | null {
  if (value instanceof Date) return null; // superjson annotates a Date at the root differently
  const found = annotate(value, new Set());
  if (found === null || found === undefined) return found;
  if (found === DATE) return null;
  return Object.fromEntries(found as Found);
}

const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** undefined: nothing to annotate; DATE: this value is a Date; null: leave it to superjson. */
function annotate(value: unknown, seen: Set<object>): Found | typeof DATE | undefined | null {
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
        return plainDate ? DATE : null;
      }
      const level = new Level();
      if (Array.isArray(value)) {
        if (Object.keys(value).length !== value.length) return null; // holes or extra properties
        for (let index = 0; index < value.length; index++)
          if (!level.add(index, value[index], seen)) return null;
      } else {
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) return null;
        for (const key in value) {
          if (REFUSED_KEYS.has(key)) return null;
          if (!level.add(key, (value as Record<string, unknown>)[key], seen)) return null;
        }
      }
      return level.found();
    }
    default:
      return null;
  }
}

/**
 * One object's or array's annotations. superjson collects them in an object,
 * so a Date directly under an integer-like key comes first, in ascending
 * order, and everything else in the order it was met.
 */
class Level {
  #indexed: Array<[number, string]> | undefined;
  #rest: Found | undefined;

  /** False when superjson must decide. */
  add(key: string | number, child: unknown, seen: Set<object>): boolean {
    const found = annotate(child, seen);
    if (found === null) return false;
    if (found === undefined) return true;
    const path = typeof key === "number" ? String(key) : escapeKey(key);
    if (found === DATE && (typeof key === "number" || isArrayIndex(path))) {
      this.#indexed ??= [];
      this.#indexed.push([Number(path), path]);
      return true;
    }
    this.#rest ??= [];
    if (found === DATE) this.#rest.push([path, DATE]);
    else for (const [inner, annotation] of found as Found) this.#rest.push([`${path}.${inner}`, annotation]);
    return true;
  }

  found(): Found | undefined {
    if (!this.#indexed) return this.#rest;
    const first: Found = this.#indexed.sort((a, b) => a[0] - b[0]).map(([, path]) => [path, DATE]);
    return this.#rest ? first.concat(this.#rest) : first;
  }
}

/** The keys an object keeps in ascending numeric order before all others. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** superjson's path notation: dots and backslashes in a key are escaped. */
function escapeKey(key: string): string {
  return key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
}
