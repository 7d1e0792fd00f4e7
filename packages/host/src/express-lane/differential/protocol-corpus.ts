import type { WireRequest } from "./send.ts";
import { trpcWire } from "./wire.ts";

/** Requests the lane must leave to the official adapter are marked; the test checks who served each. */
export const ADAPTER = "adapter";
export type Corpus = Array<[name: string, request: WireRequest, servedBy?: typeof ADAPTER]>;

export type ProtocolCorpusOptions = {
  basePath: string;
  /** A query that succeeds, with its input. */
  query: { path: string; input: unknown };
  /** A mutation, with an input (its answer may be an error: only sameness is checked). */
  mutation: { path: string; input: unknown };
  maxBatchSize: number;
  maxBodyBytes: number;
  headers?: Record<string, string>;
};

/**
 * What any router must answer identically on both paths: the wire protocol's
 * edges — methods, content types, malformed and oversized bodies, batches at
 * and past the limit, odd paths and headers, streaming requests.
 */
export function protocolCorpus(options: ProtocolCorpusOptions): Corpus {
  const { query, mutation, maxBatchSize, maxBodyBytes, headers = {} } = options;
  const wire = trpcWire(options.basePath);
  const json = { ...headers, "content-type": "application/json" };
  const q = query.path;
  const m = mutation.path;
  const encoded = (text: string) => encodeURIComponent(text);
  const repeated = (count: number) => Array.from({ length: count }, () => q);
  const padded = (size: number) => {
    const body = JSON.stringify({ json: mutation.input });
    return body + " ".repeat(Math.max(0, size - Buffer.byteLength(body)));
  };

  return [
    ["a query", wire.query(q, query.input, headers)],
    ["a query without input", wire.query(q, undefined, headers)],
    ["a query with an empty input parameter", wire.raw("GET", `${q}?input=`, headers)],
    ["a query with malformed JSON input", wire.raw("GET", `${q}?input=${encoded("{not json")}`, headers)],
    ["a query with input null", wire.raw("GET", `${q}?input=null`, headers)],
    [
      "a query with a superjson meta that lies",
      wire.raw("GET", `${q}?input=${encoded('{"json":1,"meta":{"values":["Date"]}}')}`, headers),
    ],
    [
      "a query with + for spaces",
      wire.raw("GET", `${q}?input=${encoded('{"json": "a b"}').replaceAll("%20", "+")}`, headers),
    ],
    ["a query whose input parameter repeats", wire.raw("GET", `${q}?input=1&input=2`, headers)],
    ["a query with an unknown parameter", wire.raw("GET", `${q}?unknown=1`, headers)],
    ["an unknown procedure", wire.query("does.not.exist", undefined, headers)],
    ["a prototype property as a path", wire.query("toString", undefined, headers)],
    ["constructor as a path", wire.query("constructor", undefined, headers)],
    ["__proto__ as a path", wire.query("__proto__", undefined, headers)],
    ["a path with a slash", wire.query(`${q}/more`, undefined, headers), ADAPTER],
    [
      "a percent-encoded path",
      wire.query(`%${q.charCodeAt(0).toString(16)}${q.slice(1)}`, undefined, headers),
      ADAPTER,
    ],
    ["a path with a dot segment", wire.raw("GET", `../trpc/${q}`, headers), ADAPTER],
    ["a non-ASCII path", wire.query(encoded("héllo"), undefined, headers), ADAPTER],
    ["an empty path", wire.raw("GET", "", headers), ADAPTER],
    ["a trailing comma", wire.raw("GET", `${q},?batch=1`, headers), ADAPTER],

    ["a batch of two queries", wire.batchQuery([q, q], [query.input, query.input], headers)],
    [
      "a batch with an unknown procedure (mixed statuses)",
      wire.batchQuery([q, "nope"], [query.input], headers),
    ],
    ["a batch without inputs", wire.raw("GET", `${q},${q}?batch=1`, headers)],
    [
      "a batch whose input is an array",
      wire.raw("GET", `${q},${q}?batch=1&input=${encoded("[1,2]")}`, headers),
    ],
    ["a batch whose input is null", wire.raw("GET", `${q}?batch=1&input=null`, headers)],
    ["a batch whose input is malformed", wire.raw("GET", `${q},${q}?batch=1&input=${encoded("{")}`, headers)],
    ["batch=0 is not a batch", wire.raw("GET", `${q}?batch=0`, headers)],
    ["batch=true is not a batch", wire.raw("GET", `${q},${q}?batch=true`, headers)],
    [`a batch of exactly ${maxBatchSize}`, wire.batchQuery(repeated(maxBatchSize), [], headers)],
    [`a batch of ${maxBatchSize + 1}`, wire.batchQuery(repeated(maxBatchSize + 1), [], headers)],
    ["a huge batch", wire.batchQuery(repeated(400), [], headers)],
    [
      "a batch mixing a query and a mutation",
      wire.batchQuery([q, m], [query.input, mutation.input], headers),
    ],

    ["a mutation", wire.mutation(m, mutation.input, headers)],
    [
      "a batch of mutations",
      { ...wire.batchMutation([m, m], [mutation.input, mutation.input]), headers: json },
    ],
    ["a mutation over GET", wire.query(m, mutation.input, headers)],
    ["a query over POST", wire.mutation(q, query.input, headers)],
    [
      "a batch of queries over POST",
      { ...wire.batchMutation([q, q], [query.input, query.input]), headers: json },
    ],
    ["PUT", wire.raw("PUT", q, json, "{}"), ADAPTER],
    ["DELETE", wire.raw("DELETE", q, headers), ADAPTER],
    ["PATCH", wire.raw("PATCH", m, json, "{}"), ADAPTER],
    ["HEAD", wire.raw("HEAD", q, headers), ADAPTER],
    ["OPTIONS", wire.raw("OPTIONS", q, { ...headers, origin: "https://example.com" }), ADAPTER],

    ["a mutation without a content type", wire.raw("POST", m, headers, "{}"), ADAPTER],
    [
      "a mutation sent as text/plain",
      wire.raw("POST", m, { ...headers, "content-type": "text/plain" }, "{}"),
      ADAPTER,
    ],
    [
      "a mutation with a charset",
      wire.raw("POST", m, { ...headers, "content-type": "application/json; charset=utf-8" }, padded(0)),
    ],
    [
      "a mutation with an upper-case content type",
      wire.raw("POST", m, { ...headers, "content-type": "Application/JSON" }, "{}"),
      ADAPTER,
    ],
    [
      "a mutation sent as form data",
      wire.raw("POST", m, { ...headers, "content-type": "multipart/form-data; boundary=x" }, "--x--\r\n"),
      ADAPTER,
    ],
    [
      "a mutation sent as octet-stream",
      wire.raw("POST", m, { ...headers, "content-type": "application/octet-stream" }, "bytes"),
      ADAPTER,
    ],
    [
      "a query with a text/plain content type",
      wire.raw("GET", q, { ...headers, "content-type": "text/plain" }),
      ADAPTER,
    ],
    [
      "a query with a JSON content type",
      wire.raw("GET", q, { ...headers, "content-type": "application/json" }),
    ],

    ["a mutation with an empty body", wire.raw("POST", m, json, "")],
    ["a mutation with no body at all", wire.raw("POST", m, json)],
    ["a mutation with malformed JSON", wire.raw("POST", m, json, "{oops")],
    ["a mutation whose body is null", wire.raw("POST", m, json, "null")],
    ["a mutation with a byte-order mark", wire.raw("POST", m, json, `\uFEFF${padded(0)}`)],
    [
      "a mutation with invalid UTF-8",
      wire.raw("POST", m, json, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    ],
    ["a body exactly at the limit", wire.raw("POST", m, json, padded(maxBodyBytes))],
    ["a body one byte over the limit", wire.raw("POST", m, json, padded(maxBodyBytes + 1))],
    ["a body far over the limit", wire.raw("POST", m, json, padded(maxBodyBytes * 3))],
    [
      "a batch body over the limit",
      wire.raw("POST", `${m},${m}?batch=1`, json, `{"0":${padded(maxBodyBytes)}}`),
    ],
    ["a batch of mutations with a malformed body", wire.raw("POST", `${m},${m}?batch=1`, json, "{")],

    [
      "a streaming batch (trpc-accept)",
      {
        ...wire.batchQuery([q, q], [query.input, query.input]),
        headers: { ...headers, "trpc-accept": "application/jsonl" },
      },
      ADAPTER,
    ],
    [
      "a streaming request via accept",
      { ...wire.batchQuery([q], [query.input]), headers: { ...headers, accept: "application/jsonl" } },
      ADAPTER,
    ],
    [
      "a non-batch streaming request",
      wire.query(q, query.input, { ...headers, "trpc-accept": "application/jsonl" }),
      ADAPTER,
    ],
    [
      "a browser's accept header",
      wire.query(q, query.input, { ...headers, accept: "text/html,application/xhtml+xml,*/*;q=0.8" }),
    ],
    ["connection params", wire.raw("GET", `${q}?connectionParams=${encoded('{"a":"b"}')}`, headers), ADAPTER],
    [
      "a Host header URL parsing refuses",
      wire.query(q, query.input, { ...headers, host: "bad host" }),
      ADAPTER,
    ],
    [
      "a Host header with a port out of range",
      wire.query(q, query.input, { ...headers, host: "localhost:99999" }),
      ADAPTER,
    ],
  ];
}
