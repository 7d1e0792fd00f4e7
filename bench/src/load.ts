// `pnpm bench:load` (and the second half of `pnpm bench`): apps/server at
// saturation on a mixed workload, then a bounded soak that watches its memory.
// Writes results/load-latest.md.
import { readFileSync, writeFileSync } from "node:fs";
import { openDatabase } from "@tally/db";
import { DEMO_ORGANIZATION_ID } from "@tally/db/seed";
import { parseEnv } from "@tally/validators";
import { z } from "zod";
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { currentLoad } from "./machine.ts";
import { type MixedLoadResult, runMixedLoad } from "./mixed-load.ts";
import { repoRoot, startServer } from "./server-process.ts";
import { signIn } from "./session.ts";

const loadEnv = z.object({
  BENCH_SATURATION_SECONDS: z.coerce.number().positive().default(60),
  BENCH_SATURATION_USERS: z.coerce.number().int().min(1).max(500).default(32),
  BENCH_SOAK_SECONDS: z.coerce.number().positive().max(3_600).default(600),
  BENCH_SOAK_USERS: z.coerce.number().int().min(1).max(500).default(8),
});

const WEBHOOK_SECRET = "bench-webhook-secret-0123456789abcdefghijkl";
const SAMPLE_EVERY_MS = 10_000;

const settings = parseEnv(loadEnv, process.env);
const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_load");
const { productId, customerId } = await stockedProduct(databaseUrl);

const server = await startServer({
  name: "apps/server, mixed load",
  cwd: "apps/server",
  args: ["dist/index.js"],
  env: { DATABASE_URL: databaseUrl, PAYMENTS_WEBHOOK_SECRET: WEBHOOK_SECRET },
  readyPath: "/health",
});
const loadBefore = currentLoad();
try {
  const bearerToken = await signIn(server.origin);
  const common = { origin: server.origin, bearerToken, webhookSecret: WEBHOOK_SECRET, productId, customerId };

  console.log(
    `bench:load: saturation, ${settings.BENCH_SATURATION_USERS} users for ${settings.BENCH_SATURATION_SECONDS} s`,
  );
  const saturationMemory = sampleMemory(server.pid);
  const saturation = await runMixedLoad({
    ...common,
    users: settings.BENCH_SATURATION_USERS,
    seconds: settings.BENCH_SATURATION_SECONDS,
  });
  const saturationRss = saturationMemory.stop();

  console.log(`bench:load: soak, ${settings.BENCH_SOAK_USERS} users for ${settings.BENCH_SOAK_SECONDS} s`);
  const soakMemory = sampleMemory(server.pid);
  const soak = await runMixedLoad({
    ...common,
    users: settings.BENCH_SOAK_USERS,
    seconds: settings.BENCH_SOAK_SECONDS,
    thinkMs: 5,
  });
  const soakRss = soakMemory.stop();

  const report = renderReport({
    saturation,
    saturationRss,
    soak,
    soakRss,
    loadBefore,
    loadAfter: currentLoad(),
  });
  writeFileSync(`${repoRoot}/bench/results/load-latest.md`, report);
  console.log(report);
  if (saturation.errors + soak.errors > 0) process.exitCode = 1;
} finally {
  await server.stop();
}

/** A product with stock for every placement of the run, and a customer to place for. */
async function stockedProduct(url: string) {
  const database = await openDatabase({ kind: "postgres", url, poolSize: 2 });
  try {
    const product = await database.prisma.product.create({
      data: {
        organizationId: DEMO_ORGANIZATION_ID,
        sku: "BENCH-LOAD",
        name: "Load item",
        priceMinor: 1_250,
        currency: "USD",
        stock: 1_000_000_000,
      },
    });
    const customer = await database.prisma.customer.create({
      data: { organizationId: DEMO_ORGANIZATION_ID, name: "Load buyer" },
    });
    return { productId: product.id, customerId: customer.id };
  } finally {
    await database.close();
  }
}

/** The server's resident memory every 10 s, from /proc (empty off Linux). */
function sampleMemory(pid: number) {
  const samples: number[] = [];
  const read = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match?.[1]) samples.push(Number(match[1]) / 1024);
    } catch {
      // Not Linux, or the process is gone.
    }
  };
  read();
  const timer = setInterval(read, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      read();
      return samples;
    },
  };
}

function renderReport(run: {
  saturation: MixedLoadResult;
  saturationRss: number[];
  soak: MixedLoadResult;
  soakRss: number[];
  loadBefore: number;
  loadAfter: number;
}) {
  const mb = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(1)} MB`);
  // The soak's memory "at start" is taken once the first samples are in: the
  // server's heap grows to its working size in the first seconds of any load.
  const warm = run.soakRss[Math.min(run.soakRss.length - 1, Math.ceil(run.soakRss.length / 10))];
  const end = run.soakRss.at(-1);
  const growth = warm && end ? ((end - warm) / warm) * 100 : Number.NaN;
  const row = (name: string, result: MixedLoadResult) =>
    `| ${name} | ${result.users} | ${result.seconds.toFixed(0)} s | ${result.requests} | ${result.requestsPerSecond.toFixed(0)} | ${result.errors} | ${result.p50Ms.toFixed(1)} | ${result.p99Ms.toFixed(1)} | ${Object.entries(
      result.byOperation,
    )
      .map(([operation, count]) => `${operation} ${count}`)
      .join(", ")} |`;
  return [
    "# Mixed load and soak: apps/server (express lane) on PostgreSQL",
    "",
    `Machine load (1-min average) before ${run.loadBefore.toFixed(2)}, after ${run.loadAfter.toFixed(2)}.`,
    "Workload per user, in turn: 6 reads (products, orders, invoices, customers), 2 placements (create, add a line, place), 1 invoice issued, 1 signed payment webhook.",
    "",
    "| phase | users | time | requests | req/s | errors | p50 ms | p99 ms | by operation |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    row("saturation", run.saturation),
    row("soak", run.soak),
    "",
    `Memory (RSS): saturation ${mb(run.saturationRss[0])} → ${mb(run.saturationRss.at(-1))}; soak at start (after warm-up) ${mb(warm)}, at end ${mb(end)}, growth ${Number.isNaN(growth) ? "n/a" : `${growth.toFixed(1)} %`} (goal < 10 %).`,
    ...(run.saturation.failures.length || run.soak.failures.length
      ? [
          "",
          "First failures:",
          ...[...run.saturation.failures, ...run.soak.failures].map((failure) => `- ${failure}`),
        ]
      : []),
    "",
  ].join("\n");
}
