import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    const fresh = [await timeToFirst200("embedded, new data folder", embedded)];
    const existing: number[] = [];
    for (let run = 0; run < 2; run++) existing.push(await timeToFirst200("embedded", embedded));
    return [
      { name: "PostgreSQL", millis: postgres },
      { name: "embedded database, new data folder (creates and migrates)", millis: fresh },
      { name: "embedded database, existing data folder", millis: existing },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
