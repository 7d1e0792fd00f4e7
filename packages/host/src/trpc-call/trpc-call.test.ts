import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, test } from "vitest";
import {
  bodyInput,
  callPaths,
  inputsByIndex,
  isBatchCall,
  queryInput,
  wantsJsonLines,
} from "./read-calls.ts";
import { type TrpcCall, writeCalls } from "./write-calls.ts";

// tRPC itself is the reference: its fetch adapter hands createContext the
// request as it read it (paths, batching, accept, each call's raw input). No
// transformer, so the inputs are compared as sent.
const t = initTRPC.create();
const router = t.router({
  a: t.procedure.query(() => 1),
  b: t.router({ c: t.procedure.query(() => 2) }),
  m: t.procedure.mutation(() => 3),
});

type Input = { value: unknown } | { error: string };
type Reading = { batch: boolean; paths: string[]; streaming: boolean; inputs: Input[] };

async function asTrpcReadsIt(req: Request): Promise<Reading | { refused: number }> {
  let reading: Reading | undefined;
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    req,
    router,
    createContext: async ({ info }) => {
      reading = {
        batch: info.isBatchCall,
        paths: info.calls.map((call) => call.path),
        streaming: info.accept === "application/jsonl",
        inputs: await Promise.all(
          info.calls.map((call) =>
            call.getRawInput().then(
              (value): Input => ({ value }),
              (error: Error): Input => ({ error: error.message }),
            ),
          ),
        ),
      };
      return {};
    },
  });
  return reading ?? { refused: response.status };
}

async function asWeReadIt(req: Request): Promise<Reading> {
  const url = new URL(req.url);
  const batch = isBatchCall(url.searchParams);
  const paths = callPaths(decodeURIComponent(url.pathname.slice("/trpc/".length)), batch);
  let inputs: Input[];
  try {
    const raw =
      req.method === "GET"
        ? queryInput(url.searchParams)
        : bodyInput(new Uint8Array(await req.arrayBuffer()));
    const byIndex = inputsByIndex(raw, batch ? paths.length : null);
    inputs = paths.map((_, index) => ({ value: byIndex[index] }));
  } catch (error) {
    inputs = paths.map(() => ({ error: (error as Error).message }));
  }
  const streaming = wantsJsonLines(req.headers.get("trpc-accept"), req.headers.get("accept"));
  return { batch, paths, streaming, inputs };
}

const origin = "http://tally.test/trpc/";
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${origin}${path}`, { headers });
const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  new Request(`${origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"0":{"n":1}}')]);

const corpus: Array<[string, () => Request]> = [
  ["a query with input", () => get(`a?input=${q({ n: 1, s: "ü" })}`)],
  ["a query without input", () => get("a")],
  ["an empty ?input=", () => get("a?input=")],
  ["a malformed ?input=", () => get("a?input=%7Bnope")],
  ["a nested path", () => get(`b.c?input=${q(1)}`)],
  ["a percent-encoded path", () => get(`b%2Ec?input=${q(1)}`)],
  ["commas in a single call's path", () => get(`a,b.c?input=${q([1, 2])}`)],
  ["a batch", () => get(`a,b.c?batch=1&input=${q({ 0: { n: 1 }, 1: "two" })}`)],
  ["a batch with a missing input", () => get(`a,b.c,a?batch=1&input=${q({ 1: null })}`)],
  ["a batch with inputs past its calls", () => get(`a?batch=1&input=${q({ 0: 1, 1: 2, 7: 3 })}`)],
  ["a batch without inputs", () => get("a,a?batch=1")],
  ["a batch whose inputs are an array", () => get(`a,a?batch=1&input=${q([1, 2])}`)],
  ["a batch whose inputs are a number", () => get(`a?batch=1&input=${q(5)}`)],
  ["a batch whose inputs are null", () => get(`a?batch=1&input=${q(null)}`)],
  ["batch=true is not a batch", () => get(`a?batch=true&input=${q({ 0: 1 })}`)],
  ["the first batch= decides", () => get(`a?batch=1&batch=0&input=${q({ 0: 1 })}`)],
  ["a batch with an empty path between commas", () => get(`a,,a?batch=1&input=${q({ 2: 3 })}`)],
  ["a mutation body", () => post("m", JSON.stringify({ n: 1 }))],
  ["a mutation body with a byte-order mark", () => post("m?batch=1", bom)],
  ["an empty mutation body", () => post("m", "")],
  ["a malformed mutation body", () => post("m", "{")],
  ["a batch of mutations", () => post("m,m?batch=1", JSON.stringify({ 0: 1, 1: { deep: [true] } }))],
  ["a batch of mutations with a string body", () => post("m,m?batch=1", JSON.stringify("x"))],
  ["streaming asked by trpc-accept", () => get("a?batch=1", { "trpc-accept": "application/jsonl" })],
  ["streaming named in accept", () => get("a?batch=1", { accept: "application/json, application/jsonl" })],
  ["a type that only starts like JSON lines", () => get("a?batch=1", { accept: "application/jsonlines" })],
  [
    "trpc-accept wins over accept",
    () => get("a?batch=1", { "trpc-accept": "application/json", accept: "application/jsonl" }),
  ],
];

describe("reading a request: the same paths, batching, inputs and streaming as tRPC", () => {
  test.each(corpus)("%s", async (_name, request) => {
    const expected = await asTrpcReadsIt(request());
    expect(expected).not.toHaveProperty("refused");
    expect(await asWeReadIt(request())).toEqual(expected);
  });
});

describe("writing calls: tRPC reads back exactly the calls written", () => {
  const calls: TrpcCall[] = [
    { path: "a", input: { n: 1, s: "ü & ?" } },
    { path: "b.c", input: undefined },
    { path: "a", input: [null, 0, ""] },
  ];
  test.each([
    ["GET", true, calls],
    ["GET", false, calls.slice(0, 1)],
    ["GET", false, calls.slice(1, 2)],
    [
      "POST",
      true,
      [
        { path: "m", input: 1 },
        { path: "m", input: undefined },
      ],
    ],
    ["POST", false, [{ path: "m", input: { n: 2 } }]],
  ] as const)("%s, batch %s", async (method, batch, written) => {
    const { url, body } = writeCalls("http://tally.test/trpc", method, batch, written);
    const request = new Request(url, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body }),
    });
    expect(await asTrpcReadsIt(request)).toEqual({
      batch,
      paths: written.map((call) => call.path),
      streaming: false,
      inputs: written.map((call) => ({ value: call.input })),
    });
  });

  test("a POST without input has an empty body, which tRPC reads as no input only if no call asks", () => {
    expect(writeCalls("http://tally.test/trpc", "POST", false, [{ path: "m", input: undefined }])).toEqual({
      url: new URL("http://tally.test/trpc/m"),
      body: "",
    });
  });
});
