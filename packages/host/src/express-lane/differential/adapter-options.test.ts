import type { IncomingMessage, RequestListener } from "node:http";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createExpressLane } from "../express-lane.ts";
import type { NodeErrorHandler, TrpcAdapterOptions } from "../options.ts";
import { createTrpcHandler } from "../trpc-handler.ts";
import { CONFORMANCE_LIMITS } from "./conformance-corpus.ts";
import { conformanceContext, conformanceRouter } from "./conformance-router.ts";
import { ADAPTER, type Corpus, protocolCorpus } from "./protocol-corpus.ts";
import { meaningfulHeaders, send } from "./send.ts";
import { type RunningPaths, serveBothPaths } from "./two-paths.ts";
import { trpcWire } from "./wire.ts";

// tRPC's adapter options change its answers; the lane either answers exactly
// as the adapter configured with the same option, or refuses to be built.
type Router = typeof conformanceRouter;
let database: TestDatabase;
let paths: RunningPaths | undefined;
const errors = { lane: [] as unknown[], official: [] as unknown[] };
const handedOff: string[] = [];
const wire = trpcWire("/trpc/");
const item = { name: "Stapler", quantity: 2 };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await paths?.close();
  paths = undefined;
});
afterAll(async () => {
  await database?.close();
});

function recordErrors(into: unknown[]): NodeErrorHandler<Router> {
  return ({ error, path, input, type, req }) =>
    into.push({
      code: error.code,
      message: error.message,
      path,
      input: superjson.stringify(input),
      type,
      url: (req as IncomingMessage).url,
    });
}

function baseOptions() {
  return {
    router: conformanceRouter,
    basePath: "/trpc/",
    createContext: conformanceContext(database.prisma, []),
  };
}

/** The lane and the adapter, both built with `adapterOptions`. */
async function serveWith(adapterOptions: TrpcAdapterOptions<Router>) {
  const official = (onError: NodeErrorHandler<Router>) =>
    createHTTPHandler({
      ...baseOptions(),
      ...adapterOptions,
      onError,
      maxBatchSize: CONFORMANCE_LIMITS.maxBatchSize,
      maxBodySize: CONFORMANCE_LIMITS.maxBodyBytes,
    });
  paths = await serveBothPaths((expressLane): RequestListener => {
    if (!expressLane) return official(recordErrors(errors.official));
    const fallback = official(recordErrors(errors.lane));
    return createExpressLane({
      ...baseOptions(),
      ...adapterOptions,
      onError: recordErrors(errors.lane),
      limits: CONFORMANCE_LIMITS,
      fallback: (req, res) => {
        handedOff.push(req.url ?? "");
        fallback(req, res);
      },
    });
  });
  return paths;
}

/** Sends each request to both paths: the same status, headers, bytes and onError calls; who served it, where the case says. */
async function expectSameAnswers(running: RunningPaths, corpus: Corpus, checkServedBy: boolean) {
  for (const [name, request, servedBy] of corpus) {
    errors.lane.length = errors.official.length = handedOff.length = 0;
    const official = await send(running.official, request);
    const lane = await send(running.lane, request);
    const answer = (response: typeof lane) => ({
      status: response.status,
      headers: meaningfulHeaders(response),
      body: response.body.toString("utf8"),
    });
    expect({ name, ...answer(lane) }).toEqual({ name, ...answer(official) });
    expect({ name, errors: errors.lane }).toEqual({ name, errors: errors.official });
    if (checkServedBy)
      expect({ name, by: handedOff.length > 0 ? ADAPTER : "lane" }).toEqual({ name, by: servedBy ?? "lane" });
  }
}

const protocol = () =>
  protocolCorpus({
    basePath: "/trpc/",
    query: { path: "echo", input: { text: "hello" } },
    mutation: { path: "items.create", input: item },
    ...CONFORMANCE_LIMITS,
  });

describe.each([
  ["allowBatching: false", { allowBatching: false }],
  ["batching: { enabled: false } (its deprecated form)", { batching: { enabled: false } }],
] as const)("%s", (_name, option) => {
  test("batches are refused as the adapter refuses them, single calls still take the lane", async () => {
    const running = await serveWith(option);
    await expectSameAnswers(
      running,
      [
        ["a batch of queries", wire.batchQuery(["echo", "echo"], [1, 2]), ADAPTER],
        ["a batch of one", wire.batchQuery(["echo"], [1]), ADAPTER],
        ["a batch of mutations", wire.batchMutation(["items.create", "items.touch"], [item]), ADAPTER],
        ["a batch past the size limit", wire.batchQuery(Array(40).fill("echo"), []), ADAPTER],
        ["a single query", wire.query("echo", { text: "hi" })],
        ["a single mutation", wire.mutation("items.create", item)],
      ],
      true,
    );
    await expectSameAnswers(running, protocol(), false);
  });
});

describe("allowMethodOverride: true", () => {
  test("queries over POST are served, by the lane, as the adapter serves them; mutations over GET still refused", async () => {
    const running = await serveWith({ allowMethodOverride: true });
    await expectSameAnswers(
      running,
      [
        ["a query over POST", wire.mutation("echo", { text: "posted" })],
        ["a query over POST without input", wire.mutation("noInput")],
        [
          "a query over POST with a malformed body",
          wire.raw("POST", "echo", { "content-type": "application/json" }, "{"),
        ],
        ["a batch of queries over POST", wire.batchMutation(["echo", "fail"], [1, { code: "CONFLICT" }])],
        ["a query over POST that fails", wire.mutation("fail", { code: "NOT_FOUND" })],
        ["a query over GET", wire.query("echo", 1)],
        ["a mutation over GET", wire.query("items.create", item)],
        ["a mutation over POST", wire.mutation("items.create", item)],
        ["a batch over POST mixing a query and a mutation", wire.batchMutation(["echo", "items.touch"], [1])],
      ],
      true,
    );
    await expectSameAnswers(running, protocol(), false);
  });
});

describe("responseMeta", () => {
  test("the lane answers with the status and headers it sets, as the adapter does, for calls, batches and refusals", async () => {
    const running = await serveWith({
      responseMeta: ({ paths, type, errors, data, eagerGeneration }) => ({
        headers: {
          "x-paths": paths?.join(",") ?? "none",
          "x-type": type,
          "x-errors": errors.map((error) => error.code).join(",") || "none",
          "x-results": String(data.length),
          "x-eager": String(eagerGeneration),
          "set-cookie": ["a=1", "b=2"],
          ...(errors.some((error) => error.code === "CONFLICT") ? { "retry-after": "7" } : {}),
        },
        ...(errors.some((error) => error.code === "NOT_FOUND") ? { status: 410 } : {}),
      }),
    });
    await expectSameAnswers(
      running,
      [
        ["a query", wire.query("echo", { text: "hi" })],
        ["a mutation", wire.mutation("items.create", item)],
        ["a failing query, its status kept", wire.query("fail", { code: "CONFLICT" })],
        ["a failing query, its status replaced", wire.query("fail", { code: "NOT_FOUND" })],
        ["a batch with a failure", wire.batchQuery(["echo", "fail"], [1, { code: "CONFLICT" }])],
        ["an unknown procedure", wire.query("nothing.here", 1)],
        ["a batch past the size limit", wire.batchQuery(Array(40).fill("echo"), [])],
      ],
      true,
    );
    await expectSameAnswers(running, protocol(), false);
    // Equal answers, and the option's own: not two paths that both dropped it.
    const conflict = await send(running.lane, wire.query("fail", { code: "CONFLICT" }));
    expect(conflict.status).toBe(409);
    expect(meaningfulHeaders(conflict)).toMatchObject({
      "retry-after": "7",
      "x-errors": "CONFLICT",
      "x-paths": "fail",
      "set-cookie": "a=1\nb=2",
    });
    expect((await send(running.lane, wire.query("fail", { code: "NOT_FOUND" }))).status).toBe(410);
  });
});

describe("options the lane does not honour make building it throw, naming the option", () => {
  const limits = CONFORMANCE_LIMITS;

  test("middleware: the adapter would run it, the lane would skip it", async () => {
    const middleware: TrpcAdapterOptions<Router>["middleware"] = (_req, res, next) => {
      res.setHeader("x-middleware", "ran");
      next();
    };
    expect(() => createTrpcHandler({ ...baseOptions(), limits, expressLane: true, middleware })).toThrow(
      'The express lane does not support the tRPC adapter option "middleware": it would skip the middleware on the requests it serves',
    );
    paths = await serveBothPaths(() =>
      createTrpcHandler({ ...baseOptions(), limits, expressLane: false, middleware }),
    );
    expect((await send(paths.official, wire.query("echo", 1))).headers["x-middleware"]).toBe("ran");
  });

  test("an option the lane does not know at all", () => {
    const options = { ...baseOptions(), limits, fallback: () => undefined, streamEverything: true };
    expect(() => createExpressLane(options)).toThrow(
      'The express lane does not support the tRPC adapter option "streamEverything": it does not know this option',
    );
  });

  test("an option given as undefined is no option", () => {
    expect(() =>
      createTrpcHandler({
        ...baseOptions(),
        limits,
        expressLane: true,
        responseMeta: undefined,
        middleware: undefined,
      }),
    ).not.toThrow();
  });
});
