// `pnpm --filter @tally/bench bench:partner` (also the last step of `pnpm bench`):
// the partner API on apps/server (issue 15). The same read, the first page of
// products, over REST and over tRPC with the same API key (so both pay the key
// lookup, the Redis rate-limit check and the usage count), in alternating
// rounds; the same REST read with the limiter's counters in Redis against a
// second server that keeps them in memory; and one Redis limit check's own
// latency, called in a loop.
// Results: bench/results/partner.md.
import { writeFileSync } from "node:fs";
import { openSharedState } from "@tally/shared-state";
import { startTestRedis } from "@tally/shared-state/testing";
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { type LoadRequest, type LoadResult, pickLoadGenerator } from "./load-generator.ts";
import { currentLoad, describeMachine } from "./machine.ts";
import { type RunningServer, type ServerSpec, startServer } from "./server-process.ts";
import { signIn } from "./session.ts";

const config = runConfig();
const DURATION_S = config.BENCH_DURATION;
const WARM_UP_S = 3;
const ROUNDS = 3;
const log = (message: string) => console.error(`bench: ${message}`);
const loadBefore = currentLoad();

const generator = await pickLoadGenerator();
const databaseUrl = await prepareBenchDatabase(config.BENCH_DATABASE_URL, "tally_bench_partner");
const redis = await startTestRedis();
log(`database ${databaseUrl}, redis ${redis.url}`);

const serverSpec = (name: string, env: Record<string, string>): ServerSpec => ({
  name,
  cwd: "apps/server",
  args: ["dist/index.js"],
  env: { DATABASE_URL: databaseUrl, TALLY_WORKERS: "false", LOG_LEVEL: "warn", ...env },
  readyPath: "/health",
});

/** Each round's load result with the measured server's CPU time per request (user + system, µs). */
type Round = LoadResult & { cpuMicrosPerRequest: number | null };
type Row = { label: string; runs: Round[] };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function loadRounds(rows: Array<{ label: string; server: RunningServer; request: () => LoadRequest }>) {
  const results: Row[] = rows.map(({ label }) => ({ label, runs: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    // A B, then B A: neither row always runs on a warmer process.
    const order =
      round % 2 === 0 ? rows.map((_, index) => index) : rows.map((_, index) => rows.length - 1 - index);
    for (const index of order) {
      const row = rows[index];
      if (!row) continue;
      const request = row.request();
      await generator.load(request, { durationS: WARM_UP_S, connections: config.BENCH_CONNECTIONS });
      const cpuBefore = row.server.cpuMicros();
      const result = await generator.load(request, {
        durationS: DURATION_S,
        connections: config.BENCH_CONNECTIONS,
      });
      const cpuAfter = row.server.cpuMicros();
      if (result.errors > 0) throw new Error(`${row.label}: ${result.errors} errors`);
      const cpuMicrosPerRequest =
        cpuBefore === null || cpuAfter === null || result.requests === 0
          ? null
          : (cpuAfter - cpuBefore) / result.requests;
      results[index]?.runs.push({ ...result, cpuMicrosPerRequest });
      log(
        `${row.label} round ${round + 1}: ${Math.round(result.rps)} req/s, ${Math.round(cpuMicrosPerRequest ?? 0)} µs CPU/req`,
      );
    }
  }
  return results;
}

async function partnerKey(origin: string): Promise<string> {
  const token = await signIn(origin);
  const response = await fetch(`${origin}/trpc/apiKeys.create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      json: { name: "Bench", scopes: ["catalog:read"], rateLimitPerMinute: 1_000_000 },
    }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: { secret?: string } } } };
  const secret = body.result?.data?.json?.secret;
  if (!secret) throw new Error(`could not create a bench key: ${response.status} ${JSON.stringify(body)}`);
  return secret;
}

const trpcRead =
  (secret: string) =>
  (origin: string): LoadRequest => ({
    method: "GET",
    url: `${origin}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`,
    headers: { authorization: `Bearer ${secret}` },
  });
const restRead =
  (secret: string) =>
  (origin: string): LoadRequest => ({
    method: "GET",
    url: `${origin}/api/v1/products?limit=20`,
    headers: { authorization: `Bearer ${secret}` },
  });

// Both servers run throughout and rows alternate between them, so the machine's
// load drifts over both alike; only the server being measured gets requests.
const withRedis = await startServer(serverSpec("apps/server (REDIS_URL)", { REDIS_URL: redis.url }));
const inMemory = await startServer(serverSpec("apps/server (no REDIS_URL)", {}));
let rows: Row[];
try {
  const [redisKey, memoryKey] = [await partnerKey(withRedis.origin), await partnerKey(inMemory.origin)];
  rows = await loadRounds([
    {
      label: "tRPC catalog.products.list (API key)",
      server: withRedis,
      request: () => trpcRead(redisKey)(withRedis.origin),
    },
    {
      label: "REST GET /api/v1/products (API key)",
      server: withRedis,
      request: () => restRead(redisKey)(withRedis.origin),
    },
    {
      label: "REST GET /api/v1/products, limits in memory (no REDIS_URL)",
      server: inMemory,
      request: () => restRead(memoryKey)(inMemory.origin),
    },
  ]);
} finally {
  await Promise.all([withRedis.stop(), inMemory.stop()]);
}
const transports = rows.slice(0, 2);
const restRedis = rows.slice(1, 2);
const restMemory = rows.slice(2, 3);

// 3. One limit check against Redis, sequentially: its latency on this machine.
const shared = await openSharedState({ redisUrl: redis.url, keyPrefix: "bench:" });
const limiter = shared.limiter({
  keyPrefix: "api-key:1000000000",
  points: 1_000_000_000,
  durationSeconds: 60,
});
const CHECKS = 5_000;
for (let call = 0; call < 500; call++) await limiter.consume("warm-up");
const checkStarted = performance.now();
for (let call = 0; call < CHECKS; call++) await limiter.consume("bench-key");
const microsPerCheck = ((performance.now() - checkStarted) * 1000) / CHECKS;
await shared.close();
await redis.stop();

const rps = (row: Row | undefined) => median((row?.runs ?? []).map((run) => run.rps));
const p50 = (row: Row | undefined) => median((row?.runs ?? []).map((run) => run.p50Ms));
const cpu = (row: Row | undefined) => median((row?.runs ?? []).map((run) => run.cpuMicrosPerRequest ?? 0));
const trpcRps = rps(transports[0]);
const restRps = rps(transports[1]);
const ratio = restRps / trpcRps;
const redisRps = rps(restRedis[0]);
const memoryRps = rps(restMemory[0]);
const machine = describeMachine(generator.name);
const table = (rows: Row[], baseline: number) =>
  rows.map(
    (row) =>
      `| ${row.label} | ${Math.round(rps(row))} | ${(rps(row) / baseline).toFixed(2)}× | ${p50(row).toFixed(2)} | ${Math.round(cpu(row))} | ${row.runs.map((run) => Math.round(run.rps)).join(" / ")} |`,
  );
const report = [
  `# Partner API, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `${machine.cpu}, Node ${machine.node}, ${machine.pinning}; ${generator.name}, ${config.BENCH_CONNECTIONS} connections, ${WARM_UP_S} s warm-up then ${DURATION_S} s per round, ${ROUNDS} alternating rounds (medians). 1-minute load ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after. PostgreSQL 15 (\`tally_bench_partner\`), a private redis-server.`,
  "",
  "## The same read over REST and tRPC (apps/server, express lane on for tRPC)",
  "",
  "| request | req/s | vs tRPC | p50 ms | server CPU µs/req | rounds (req/s) |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
  ...table(transports, trpcRps),
  "",
  `REST ÷ tRPC: **${ratio.toFixed(2)}×** (goal ≥ 0.9×: ${ratio >= 0.9 ? "met" : "not met"}); server CPU per request, tRPC ÷ REST: ${(cpu(transports[0]) / cpu(transports[1])).toFixed(2)}× (the same comparison in CPU time, which the machine's load moves less).`,
  "",
  "## The rate-limit check",
  "",
  "| request | req/s | vs limits in memory | p50 ms | server CPU µs/req | rounds (req/s) |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
  ...table([...restMemory, ...restRedis], memoryRps),
  "",
  `Counters in Redis cost ${((1 - redisRps / memoryRps) * 100).toFixed(1)}% of REST throughput against counters in memory; one check against Redis alone (rate-limiter-flexible's Lua script, sequential, ${CHECKS} calls): **${microsPerCheck.toFixed(0)} µs**.`,
  "",
].join("\n");
writeFileSync(new URL("../results/partner.md", import.meta.url), report);
console.log(report);
