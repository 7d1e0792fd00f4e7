import { ERROR_CODES } from "./conformance-router.ts";
import { ADAPTER, type Corpus, protocolCorpus } from "./protocol-corpus.ts";
import { trpcWire } from "./wire.ts";

export const CONFORMANCE_LIMITS = { maxBatchSize: 32, maxBodyBytes: 64 * 1024 };

const item = {
  name: "  Stapler ",
  quantity: 3,
  due: new Date("2026-03-04T00:00:00Z"),
  tags: new Set(["a", "ü"]),
};

/** The protocol's edges plus every behaviour of the conformance router, alone and in batches. */
export function conformanceCorpus(): Corpus {
  const wire = trpcWire("/trpc/");
  const tenant = { "x-tenant": "acme" };
  return [
    ...protocolCorpus({
      basePath: "/trpc/",
      query: { path: "echo", input: { text: "hello" } },
      mutation: { path: "items.create", input: item },
      ...CONFORMANCE_LIMITS,
    }),

    ...ERROR_CODES.map((code): Corpus[number] => [
      `a query failing with ${code}`,
      wire.query("fail", { code }),
    ]),
    ...ERROR_CODES.map((code): Corpus[number] => [
      `a mutation failing with ${code}`,
      wire.mutation("items.fail", { code, message: `«${code}» ✗` }),
    ]),
    [
      "every error code in one batch",
      wire.batchQuery(
        ERROR_CODES.map(() => "fail"),
        ERROR_CODES.map((code) => ({ code })),
      ),
    ],
    ["one success and one failure", wire.batchQuery(["echo", "fail"], [1, { code: "CONFLICT" }])],
    [
      "two failures with the same status",
      wire.batchQuery(["fail", "fail"], [{ code: "NOT_FOUND" }, { code: "NOT_FOUND" }]),
    ],
    ["a failing code the schema refuses", wire.query("fail", { code: "TEAPOT" })],
    ["a thrown Error", wire.query("throwsError")],
    ["a thrown plain object", wire.query("throwsValue")],
    ["an output that fails its schema", wire.query("badOutput")],
    ["a thrown Error inside a batch", wire.batchQuery(["throwsError", "echo"], [undefined, 1])],

    ["superjson types in the output", wire.query("types")],
    [
      "superjson types in the input",
      wire.query("echo", { when: new Date(0), map: new Map([[1, new Set([2n])]]), u: undefined }),
    ],
    ["unicode in the input", wire.query("echo", { text: "Zürich 東京 مرحبا 🚀 \u0000 \u2028 \ud800" })],
    ["a procedure without input", wire.query("noInput")],
    ["a procedure without input, given one", wire.query("noInput", { ignored: true })],
    ["a slow call", wire.query("slow", { ms: 120 })],
    ["a slow and a fast call in one batch", wire.batchQuery(["slow", "echo"], [{ ms: 120 }, "fast"])],
    ["a large output", wire.query("large", { kilobytes: 2048 })],
    ["a large output in a batch", wire.batchQuery(["large", "echo"], [{ kilobytes: 512 }, 1])],
    ["a stream-like output", wire.query("streamLike")],
    ["an async generator output", wire.query("iterable")],
    [
      "stream-like outputs in a batch",
      wire.batchQuery(["streamLike", "iterable", "echo"], [undefined, undefined, 1]),
    ],

    ["a middleware that reads a header", wire.query("tenant", undefined, tenant)],
    ["a middleware that refuses without the header", wire.query("tenant")],
    ["a context that refuses", wire.query("echo", 1, { "x-refuse-context": "1" })],
    ["a context that refuses a batch", wire.batchQuery(["echo", "nope"], [1], { "x-refuse-context": "1" })],
    ["a context that throws", wire.query("echo", 1, { "x-break-context": "1" })],
    ["a context that refuses a mutation", wire.mutation("items.create", item, { "x-refuse-context": "1" })],
    ["a procedure that sets its own status and header", wire.query("teapot")],
    ["a procedure that sets its own status, in a batch", wire.batchQuery(["teapot", "echo"], [undefined, 1])],
    ["a database read", wire.query("organisations")],
    ["a subscription (the adapter's, as a stream)", wire.query("ticks"), ADAPTER],

    ["a mutation with superjson input", wire.mutation("items.create", item)],
    [
      "a mutation with invalid input",
      wire.mutation("items.create", { name: " ", quantity: 1.5, tags: ["not", "a set"] }),
    ],
    ["a mutation without input", wire.mutation("items.touch")],
    [
      "a batch of mutations, one failing",
      wire.batchMutation(["items.create", "items.fail", "items.touch"], [item, { code: "FORBIDDEN" }]),
    ],
    [
      "a batch of mutations, all invalid",
      wire.batchMutation(["items.create", "items.create"], [{}, { name: "" }]),
    ],
  ];
}
