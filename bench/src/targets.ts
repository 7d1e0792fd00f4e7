import type { ServerSpec } from "./server-process.ts";

export type TargetName =
  | "raw"
  | "rawPg"
  | "lane"
  | "official"
  | "next"
  | "transportOfficial"
  | "transportLane"
  | "nextForwarding"
  | "nextForwardingApart"
  | "laneTraced"
  | "laneTracedSampled";

const PING = "/trpc/health.ping";
const SERVICE_SECRET = "bench-service-secret-0123456789abcdefghij";

/** Every server the bench loads, each in its own process. */
export function targetSpecs(databaseUrl: string): Record<TargetName, ServerSpec> {
  const appServer = (expressLane: boolean): ServerSpec => ({
    name: expressLane ? "apps/server, express lane" : "apps/server, official adapter",
    cwd: "apps/server",
    args: ["dist/index.js"],
    env: {
      DATABASE_URL: databaseUrl,
      TALLY_EXPRESS_LANE: String(expressLane),
      TALLY_SERVICE_SECRET: SERVICE_SECRET,
    },
    readyPath: PING,
  });
  const next = (name: string, env: Record<string, string>): ServerSpec => ({
    name,
    cwd: "apps/web",
    args: ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", "{port}"],
    env: { DATABASE_URL: databaseUrl, ...env },
    readyPath: `/api${PING}`,
  });
  const collector: ServerSpec = {
    name: "OTLP sink",
    cwd: "bench",
    args: ["--import", "tsx", "src/otlp-sink.ts"],
    readyPath: "/",
  };
  return {
    raw: {
      name: "raw node:http",
      cwd: "bench",
      args: ["--import", "tsx", "src/raw-server.ts"],
      readyPath: PING,
    },
    rawPg: {
      name: "raw node:http + pg",
      cwd: "bench",
      args: ["--import", "tsx", "src/raw-pg-server.ts"],
      env: { DATABASE_URL: databaseUrl },
      readyPath: "/health",
    },
    lane: appServer(true),
    official: appServer(false),
    transportOfficial: transportOnly(false, databaseUrl),
    transportLane: transportOnly(true, databaseUrl),
    next: next("next start (fetch adapter)", {}),
    // Issue 5: the web app forwarding the catalog router to apps/server (both processes measured).
    nextForwarding: {
      ...next("next start forwarding catalog → apps/server (express lane)", {
        TALLY_REMOTE_ROUTERS: "catalog",
        TALLY_API_URL: "{companion}/trpc",
        TALLY_SERVICE_SECRET: SERVICE_SECRET,
      }),
      companion: appServer(true),
    },
    // Issue 19: the same pair with the API server on a core of its own (the load generator's), as it
    // runs once a router has moved out: the web process alone on the server core, as in-process.
    nextForwardingApart: {
      ...next("next start forwarding catalog → apps/server on its own core", {
        TALLY_REMOTE_ROUTERS: "catalog",
        TALLY_API_URL: "{companion}/trpc",
        TALLY_SERVICE_SECRET: SERVICE_SECRET,
      }),
      companion: { ...appServer(true), core: "client" },
    },
    // Issue 17: the same server with tracing on, exporting every span over OTLP/HTTP to a sink.
    laneTraced: {
      ...appServer(true),
      name: "apps/server, express lane, tracing on (OTLP export)",
      env: { ...appServer(true).env, OTEL_EXPORTER_OTLP_ENDPOINT: "{companion}" },
      companion: collector,
      companionCpu: false,
    },
    laneTracedSampled: {
      ...appServer(true),
      name: "apps/server, express lane, tracing on, 10 % of traces sampled",
      env: {
        ...appServer(true).env,
        OTEL_EXPORTER_OTLP_ENDPOINT: "{companion}",
        OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG: "0.1",
      },
      companion: collector,
      companionCpu: false,
    },
  };
}

/** appRouter behind the same tRPC paths, with a context that skips the session lookup (see transport-server.ts). */
function transportOnly(expressLane: boolean, databaseUrl: string): ServerSpec {
  return {
    name: `tRPC transport only, ${expressLane ? "express lane" : "official adapter"} (no session lookup)`,
    cwd: "bench",
    args: ["--import", "tsx", "src/transport-server.ts"],
    env: { DATABASE_URL: databaseUrl, TALLY_EXPRESS_LANE: String(expressLane) },
    readyPath: PING,
  };
}
