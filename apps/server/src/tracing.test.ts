/**
 * One trace across the path, in one process: a "browser" request with its
 * own `traceparent` → the web app's tRPC endpoint → a call it forwards to
 * this server (createApp, as production serves it) → Prisma → the real
 * Python insights service, which continues the trace from the header it gets.
 * Spans are collected in memory.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { logger, loggerOptions } from "@tally/api";
import { billingOrganisation, createTestApi, type TestApi } from "@tally/api/testing";
import {
  createCredentialVerifier,
  createTrpcEndpoint,
  hostConfigFromEnv,
  startTracing,
  type Tracing,
  traceFetchRequests,
  traceNodeRequests,
  tracingConfigFromEnv,
} from "@tally/host";
import {
  type RunningService,
  requireDebianPython,
  startInsightsService,
} from "@tally/insights-contract/testing";
import pino from "pino";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "./app.ts";

const SECRET = "tracing-test-secret-0123456789abcdef0123";
const BROWSER_TRACE = "5a6b7c8d9e0f11223344556677889900";
const BROWSER_SPAN = "a1b2c3d4e5f60718";

const spans = new InMemorySpanExporter();
let tracing: Tracing | null;
let service: RunningService;
let api: TestApi;
let server: Server;
let web: (req: Request) => Promise<Response>;
let token: string;

beforeAll(async () => {
  tracing = startTracing(tracingConfigFromEnv({}), { serviceName: "tally-test", exporter: spans });
  await requireDebianPython();
  [service, api] = await Promise.all([startInsightsService(), createTestApi()]);
  const acme = await billingOrganisation(api);
  await acme.placedOrder({ quantity: 3 }); // something to forecast, so the service is called
  token = acme.owner.token;

  const base = hostConfigFromEnv({ NODE_ENV: "test" });
  const config = {
    ...base,
    rules: { ...base.rules, insights: { url: service.url, token: service.token, timeoutMs: 10_000 } },
  };
  server = createServer(
    traceNodeRequests(
      "server",
      createApp({
        runtime: { db: api.db, auth: api.auth, logger, config, queue: api.queue },
        expressLane: true,
        verifyForwarded: createCredentialVerifier({ secret: SECRET }),
      }),
    ),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  web = traceFetchRequests(
    "web",
    createTrpcEndpoint({
      db: api.db,
      auth: api.auth,
      endpoint: "/api/trpc",
      forwarding: {
        remoteRouters: new Set(["insights"]),
        apiUrl: `http://127.0.0.1:${port}/trpc`,
        secret: SECRET,
        timeoutMs: 10_000,
      },
      limits: config.limits,
      rules: config.rules,
      queue: api.queue,
    }),
  );
}, 180_000);
afterAll(async () => {
  server?.close();
  await service?.stop();
  await api?.close();
  await tracing?.shutdown();
});

const byId = (all: ReadableSpan[], id: string | undefined) => all.find((s) => s.spanContext().spanId === id);

/** The span's ancestors, nearest first, by parent id within the collected spans. */
function ancestors(all: ReadableSpan[], span: ReadableSpan): ReadableSpan[] {
  const chain: ReadableSpan[] = [];
  for (let parent = byId(all, span.parentSpanContext?.spanId); parent; ) {
    chain.push(parent);
    parent = byId(all, parent.parentSpanContext?.spanId);
  }
  return chain;
}

test("a forwarded call is one trace: web, API server, database and insights service", async () => {
  spans.reset();
  const response = await web(
    new Request("http://127.0.0.1:3000/api/trpc/insights.reorderSoon", {
      headers: { authorization: `Bearer ${token}`, traceparent: `00-${BROWSER_TRACE}-${BROWSER_SPAN}-01` },
    }),
  );
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ result: { data: { json: { state: "ok" } } } });

  const all = spans.getFinishedSpans();
  expect(new Set(all.map((span) => span.spanContext().traceId))).toEqual(new Set([BROWSER_TRACE]));

  const webSpan = all.find((span) => span.attributes["tally.host"] === "web");
  const forward = all.find((span) => span.name === "forward to API server");
  const serverSpan = all.find((span) => span.attributes["tally.host"] === "server");
  const insights = all.find((span) => span.name === "insights POST /v1/forecasts/stock-out");
  const database = all.filter((span) => span.name.startsWith("prisma:"));

  expect(webSpan?.name).toBe("GET /api/trpc/insights.reorderSoon");
  expect(webSpan?.parentSpanContext?.spanId).toBe(BROWSER_SPAN);
  expect(forward?.parentSpanContext?.spanId).toBe(webSpan?.spanContext().spanId);
  expect(serverSpan?.name).toBe("GET /trpc/insights.reorderSoon");
  expect(serverSpan?.parentSpanContext?.spanId).toBe(forward?.spanContext().spanId);
  expect(serverSpan?.attributes["http.response.status_code"]).toBe(200);
  if (!serverSpan || !insights) throw new Error("missing spans");
  expect(ancestors(all, insights)).toContain(serverSpan);
  // The session lookup, the membership check and the sales history: all under the server's span.
  expect(database.length).toBeGreaterThan(0);
  for (const query of database) expect(ancestors(all, query)).toContain(serverSpan);

  // The service logs its own span as a child of the insights client's.
  const insightsSpanId = insights.spanContext().spanId;
  await expect
    .poll(() => service.output(), { timeout: 5_000 })
    .toMatch(
      new RegExp(
        `span POST /v1/forecasts/stock-out status=200 .*trace_id=${BROWSER_TRACE} span_id=[0-9a-f]{16} parent_id=${insightsSpanId}`,
      ),
    );
});

test("log lines written under a span carry its trace and span ids", () => {
  const lines: string[] = [];
  const log = pino({ ...loggerOptions, level: "info" }, { write: (line: string) => lines.push(line) });
  const span = trace.getTracer("test").startSpan("a unit of work");
  context.with(trace.setSpan(context.active(), span), () => log.info({ requestId: "r-1" }, "call"));
  log.info("outside any span");
  span.end();

  const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(inside).toMatchObject({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
  expect(outside).not.toHaveProperty("trace_id");
});
