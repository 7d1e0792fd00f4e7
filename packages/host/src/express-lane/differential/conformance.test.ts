import type { IncomingMessage, RequestListener } from "node:http";
import { request } from "node:http";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createExpressLane } from "../express-lane.ts";
import type { NodeErrorHandler } from "../options.ts";
import { CONFORMANCE_LIMITS, conformanceCorpus } from "./conformance-corpus.ts";
import { conformanceContext, conformanceRouter } from "./conformance-router.ts";
import { ADAPTER } from "./protocol-corpus.ts";
import { meaningfulHeaders, send, type WireResponse } from "./send.ts";
import { type RunningPaths, serveBothPaths } from "./two-paths.ts";

// Both paths serve the conformance router over the same database. Each request
// goes to both; status, every header a client acts on, the body's bytes and the
// onError calls must be identical, and the lane must serve what it claims.
let database: TestDatabase;
let paths: RunningPaths;
const signals: AbortSignal[] = [];
const errors = { lane: [] as unknown[], official: [] as unknown[] };
const handedOff: string[] = [];

function recordErrors(into: unknown[]): NodeErrorHandler<typeof conformanceRouter> {
  return ({ error, path, input, ctx, type, req }) =>
    into.push({
      code: error.code,
      message: error.message,
      cause: error.cause?.message,
      path,
      input: superjson.stringify(input),
      hasContext: ctx !== undefined,
      type,
      url: (req as IncomingMessage).url,
    });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const createContext = conformanceContext(database.prisma, signals);
  const official = (onError: NodeErrorHandler<typeof conformanceRouter>) =>
    createHTTPHandler({
      router: conformanceRouter,
      basePath: "/trpc/",
      createContext,
      onError,
      maxBatchSize: CONFORMANCE_LIMITS.maxBatchSize,
      maxBodySize: CONFORMANCE_LIMITS.maxBodyBytes,
    });
  paths = await serveBothPaths((expressLane): RequestListener => {
    if (!expressLane) return official(recordErrors(errors.official));
    const fallback = official(recordErrors(errors.lane));
    return createExpressLane({
      router: conformanceRouter,
      basePath: "/trpc/",
      createContext,
      onError: recordErrors(errors.lane),
      limits: CONFORMANCE_LIMITS,
      fallback: (req, res) => {
        handedOff.push(req.url ?? "");
        fallback(req, res);
      },
    });
  });
});

afterAll(async () => {
  await paths?.close();
  await database?.close();
});

const comparable = (response: WireResponse) => ({
  status: response.status,
  headers: meaningfulHeaders(response),
  body: response.body.toString("utf8"),
});

describe("the express lane answers exactly as tRPC's official adapter", () => {
  test.each(conformanceCorpus())("%s", async (_name, wire, servedBy) => {
    errors.lane.length = errors.official.length = handedOff.length = 0;
    const official = await send(paths.official, wire);
    const lane = await send(paths.lane, wire);

    expect(comparable(lane)).toEqual(comparable(official));
    expect(lane.body.equals(official.body)).toBe(true);
    expect(errors.lane).toEqual(errors.official);
    expect(handedOff.length > 0 ? ADAPTER : "lane").toBe(servedBy ?? "lane");
  });
});

describe("cancellation", () => {
  test.each(["lane", "official"] as const)(
    "on the %s path, a procedure's signal aborts when the client goes away",
    async (path) => {
      signals.length = 0;
      const req = request(`${paths[path]}/trpc/waitForAbort`, { agent: false });
      req.on("error", () => undefined);
      req.end();
      await expect.poll(() => signals.length).toBe(1);
      expect(signals[0]?.aborted).toBe(false);
      req.destroy();
      await expect.poll(() => signals[0]?.aborted).toBe(true);
    },
  );
});
