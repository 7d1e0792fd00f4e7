import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { startServer } from "./server-process.ts";

export type ColdStart = { name: string; millis: number[] };

/** apps/server from `node dist/index.js` to its first 200 on a tRPC call. */
async function timeToFirst200(name: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const server = await startServer(
    { name, cwd: "apps/server", args: ["dist/index.js"], env, readyPath: "/trpc/health.ping" },
    120_000,
    5,
  );
  const millis = performance.now() - started;
  await server.stop();
  return millis;
}

export async function measureColdStarts(databaseUrl: string): Promise<ColdStart[]> {
  const postgres: number[] = [];
  for (let run = 0; run < 3; run++)
    postgres.push(await timeToFirst200("postgres", { DATABASE_URL: databaseUrl }));

  const dataDir = mkdtempSync(join(tmpdir(), "tally-bench-data-"));
  try {
    const embedded = { DATABASE_URL: "", TALLY_DATA_DIR: dataDir };
    // initdb, start the server, apply every migration.
    const fresh = [await timeToFirst200("embedded, new data folder", embedded)];
    // The server is detached and outlives apps/server: the next start only connects.
    const running: number[] = [];
    for (let run = 0; run < 2; run++) running.push(await timeToFirst200("embedded", embedded));
    // After `pnpm stop` (or a reboot) a start runs pg_ctl start first.
    const stopped: number[] = [];
    for (let run = 0; run < 2; run++) {
      await stopEmbeddedServer(dataDir);
      stopped.push(await timeToFirst200("embedded", embedded));
    }
    return [
      { name: "PostgreSQL", millis: postgres },
      { name: "embedded PostgreSQL, new data folder (initdb, start, migrate)", millis: fresh },
      { name: "embedded PostgreSQL, existing folder, server stopped (start)", millis: stopped },
      { name: "embedded PostgreSQL, existing folder, server running", millis: running },
    ];
  } finally {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
