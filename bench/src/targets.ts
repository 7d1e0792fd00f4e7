import type { ServerSpec } from "./server-process.ts";

export type TargetName =
  | "raw"
  | "rawPg"
  | "lane"
  | "official"
  | "next"
  | "transportOfficial"
  | "transportLane";

const PING = "/trpc/health.ping";

/** Every server the bench loads, each in its own process. */
export function targetSpecs(databaseUrl: string): Record<TargetName, ServerSpec> {
  const appServer = (expressLane: boolean): ServerSpec => ({
    name: expressLane ? "apps/server, express lane" : "apps/server, official adapter",
    cwd: "apps/server",
    args: ["dist/index.js"],
    env: { DATABASE_URL: databaseUrl, TALLY_EXPRESS_LANE: String(expressLane) },
    readyPath: PING,
  });
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
    next: {
      name: "next start (fetch adapter)",
      cwd: "apps/web",
      args: ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", "{port}"],
      env: { DATABASE_URL: databaseUrl },
      readyPath: `/api${PING}`,
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
