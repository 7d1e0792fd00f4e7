import superjson from "superjson";
import { describe, expect, test } from "vitest";
import { dateAnnotations, transformer } from "./transformer.ts";

const shared = { id: "s" };
class Money {
  constructor(readonly minor: number) {}
}
// A hole, as `new Array(3)` leaves one, not an `undefined` element.
const sparse = Object.assign(new Array<number>(3), { 0: 1, 2: 3 });
const withProtoKey = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');

class LaterDate extends Date {}
const sameDate = new Date("2026-01-01T00:00:00Z");

const plain: Array<[string, unknown]> = [
  ["a string", "héllo ✓"],
  ["a number", 42.5],
  ["zero", 0],
  ["null", null],
  ["booleans", [true, false]],
  ["a nested answer", { pong: true, echo: "bench", list: [{ a: 1 }, { b: [null, "x"] }] }],
  ["an object without a prototype", Object.assign(Object.create(null), { a: 1 })],
  ["an empty page", { items: [], nextCursor: null }],
];

/** Plain JSON with Dates: annotated in one pass. */
const dated: Array<[string, unknown]> = [
  ["a Date in an object", { at: new Date("2026-11-22T10:00:00Z") }],
  [
    "a page of rows with timestamps",
    {
      items: [
        { id: "a", createdAt: new Date(1), archivedAt: null, lines: [{ at: new Date(2) }] },
        { id: "b", createdAt: new Date(3), archivedAt: new Date(4), lines: [] },
      ],
      nextCursor: "abc",
    },
  ],
  ["keys that need escaping", { "a.b": { "c\\d": new Date(5) }, "": [new Date(6)] }],
  ["Dates in a top-level array", [new Date(7), { at: new Date(8) }]],
  // superjson orders each level's keys as objects do: integer-like first.
  ["a Date after a nested one in an array", { a: [{ d: new Date(9) }, new Date(10)] }],
  ["integer-like keys after nested ones", { byDay: { "0": { at: new Date(11) }, "1": new Date(12) } }],
  [
    "keys that only look like indexes",
    { "4294967295": new Date(16), "01": new Date(17), "7": new Date(18), x: new Date(19), "3": new Date(20) },
  ],
];

const annotated: Array<[string, unknown]> = [
  ["undefined", undefined],
  ["an undefined property", { a: undefined }],
  ["NaN", Number.NaN],
  ["Infinity", [Number.POSITIVE_INFINITY]],
  ["-0", { n: -0 }],
  ["a Date at the top", new Date("2026-11-22T10:00:00Z")],
  ["an invalid Date", { at: new Date(Number.NaN) }],
  ["a subclass of Date", { at: new LaterDate(0) }],
  ["the same Date twice", { from: sameDate, to: sameDate }],
  ["a constructor key", JSON.parse('{"constructor": 1}')],
  ["a prototype key", { prototype: 1 }],
  ["a Map", new Map([["k", 1]])],
  ["a Set", { tags: new Set(["a"]) }],
  ["a bigint", 10n],
  ["a RegExp", /x/g],
  ["an Error", new Error("boom")],
  ["a class instance", { price: new Money(100) }],
  ["the same object twice", { first: shared, second: shared }],
  ["an array with a hole", sparse],
  ["a __proto__ key", withProtoKey],
  ["a function", { f: () => 1 }],
  ["an array with an extra property", Object.assign([new Date(13)], { note: new Date(14) })],
  ["an object with its own toJSON", Object.defineProperty({ a: 1 }, "toJSON", { value: () => "x" })],
  ["a Date with its own toJSON", { at: Object.assign(new Date(15), { toJSON: () => "x" }) }],
];

describe("output transformer", () => {
  /** The bytes on the wire, or the error superjson refuses the value with. */
  const wire = (serialize: (value: unknown) => unknown, value: unknown) => {
    try {
      return JSON.stringify(serialize(value));
    } catch (error) {
      return error instanceof Error ? `refused: ${error.message}` : "refused";
    }
  };

  test.each([...plain, ...dated, ...annotated])("%s: the same bytes as superjson", (_name, value) => {
    expect(wire(transformer.output.serialize, value)).toBe(wire(superjson.serialize, value));
  });

  test.each(plain)("%s is plain JSON", (_name, value) => {
    expect(dateAnnotations(value)).toBeUndefined();
  });

  test.each(dated)("%s is annotated in one pass", (_name, value) => {
    expect(dateAnnotations(value)).toBeTypeOf("object");
  });

  test.each(annotated)("%s is left to superjson", (_name, value) => {
    expect(dateAnnotations(value)).toBeNull();
  });

  test("a client reads every answer back to the value it was", () => {
    const restorable = new Set([
      "an undefined property",
      "NaN",
      "Infinity",
      "-0",
      "a Date at the top",
      "a Map",
      "a Set",
      "a bigint",
      "a RegExp",
    ]);
    for (const [, value] of [...plain, ...dated, ...annotated.filter(([name]) => restorable.has(name))]) {
      const received = JSON.parse(JSON.stringify(transformer.output.serialize(value)));
      expect(superjson.deserialize(received)).toEqual(value);
    }
  });
});

describe("input transformer", () => {
  test("converts annotated values in the parsed payload itself", () => {
    const payload = JSON.parse(
      JSON.stringify(superjson.serialize({ at: new Date(0), tags: new Set(["a"]) })),
    );
    const input = transformer.input.deserialize(payload);
    expect(input).toEqual({ at: new Date(0), tags: new Set(["a"]) });
    expect(input).toBe(payload.json);
  });
});
