import fc from "fast-check";
import { zocker } from "zocker";
import { z } from "zod";

/**
 * Inputs for fuzzing a procedure from its zod input schema: shapes the schema
 * accepts (zocker, seeded, so fast-check can replay and shrink them), the
 * same shapes naming real records, and shapes broken one field at a time.
 */
export type FuzzInput = { kind: "valid" | "real-ids" | "broken" | "junk"; input: unknown };

/** A value the schema accepts, the same for the same seed. */
export function acceptedShape(schema: z.ZodType, seed: number): unknown {
  return (
    zocker(schema)
      .setSeed(seed)
      // Pagination inputs are `.prefault({})`, which zocker has no generator for: generate the inner schema.
      .override(z.ZodPrefault, (prefault: z.ZodPrefault) =>
        acceptedShape(prefault.unwrap() as z.ZodType, seed),
      )
      // A transform's input is what a client sends (a cursor's text), not what it becomes.
      .override(z.ZodPipe, (pipe: z.ZodPipe) => acceptedShape(pipe.in as z.ZodType, seed))
      .array({ max: 3 })
      .generate()
  );
}

/** Values no schema of ours should choke on: wrong types, edge numbers, hostile strings, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    "",
    " ",
    "\u0000",
    '\'; DROP TABLE "order"; --',
    "%",
    "_",
    "\\",
    "😀".repeat(300),
    "x".repeat(20_000),
    -1,
    0,
    1.5,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    true,
    [],
    {},
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    new Date(Number.NaN),
    new Date("9999-12-31T23:59:59Z"),
    new Date(0),
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);

type Mutation = (value: unknown) => unknown;

/** One change that breaks an input: a field removed, replaced, or a stray field added. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), hostileValue).map(
    ([index, replacement]): Mutation =>
      (value) =>
        editField(value, index, () => replacement),
  ),
  fc.nat().map(
    (index): Mutation =>
      (value) =>
        editField(value, index, () => REMOVE),
  ),
  fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(
    ([key, extra]): Mutation =>
      (value) =>
        isRecord(value) ? { ...value, [key]: extra } : { [key]: extra },
  ),
);

const REMOVE = Symbol("remove");

/** The `index`-th field (depth-first, nested objects' fields included), replaced by `replace()`. */
function editField(value: unknown, index: number, replace: () => unknown): unknown {
  const paths = fieldPaths(value);
  const path = paths[index % Math.max(1, paths.length)];
  if (!path) {
    const replacement = replace();
    return replacement === REMOVE ? undefined : replacement;
  }
  return setAt(value, path, replace());
}

function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((key) => [[...prefix, key], ...fieldPaths(value[key], [...prefix, key])]);
}

function setAt(value: unknown, [key, ...rest]: string[], replacement: unknown): unknown {
  if (key === undefined) return replacement;
  const record = isRecord(value) ? value : {};
  const copy: Record<string, unknown> = { ...record };
  const next = rest.length ? setAt(record[key], rest, replacement) : replacement;
  if (next === REMOVE) delete copy[key];
  else copy[key] = next;
  return copy;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Replaces every string field named like an id (`id`, `orderId`, …) with one of `ids`, chosen by `pick`. */
function withRealIds(value: unknown, ids: readonly string[], pick: number): unknown {
  if (!isRecord(value) || ids.length === 0) return value;
  let turn = pick;
  const visit = (node: unknown): unknown => {
    if (!isRecord(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, field]) => [
        key,
        /^(id|[a-z]+Id)$/.test(key) && typeof field === "string" ? ids[turn++ % ids.length] : visit(field),
      ]),
    );
  };
  return visit(value);
}

/**
 * The inputs to try for a procedure whose schema is `schema` (undefined when
 * it takes none), with `realIds` naming records that exist.
 */
export function fuzzInputs(
  schema: z.ZodType | undefined,
  realIds: () => readonly string[],
): fc.Arbitrary<FuzzInput> {
  if (!schema) {
    return fc.oneof(
      fc.constant<FuzzInput>({ kind: "valid", input: undefined }),
      hostileValue.map((input): FuzzInput => ({ kind: "junk", input })),
    );
  }
  const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });
  return fc.oneof(
    {
      weight: 2,
      arbitrary: seed.map((s): FuzzInput => ({ kind: "valid", input: acceptedShape(schema, s) })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(seed, fc.nat()).map(
        ([s, pick]): FuzzInput => ({
          kind: "real-ids",
          input: withRealIds(acceptedShape(schema, s), realIds(), pick),
        }),
      ),
    },
    {
      weight: 4,
      arbitrary: fc.tuple(seed, fc.nat(), mutation).map(
        ([s, pick, mutate]): FuzzInput => ({
          kind: "broken",
          input: mutate(withRealIds(acceptedShape(schema, s), realIds(), pick)),
        }),
      ),
    },
    { weight: 1, arbitrary: hostileValue.map((input): FuzzInput => ({ kind: "junk", input })) },
  );
}
