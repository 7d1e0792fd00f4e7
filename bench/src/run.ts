// `pnpm bench`: every server in its own process, loaded one at a time with the
// same settings, twice; results go to bench/results/latest.md.
import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { runConfig } from "./bench-config.ts";
import { measureColdStarts } from "./cold-start.ts";
import { measureDashboardRender } from "./dashboard-render.ts";
import { prepareBenchDatabase } from "./database.ts";
import { measureJobs } from "./jobs-bench.ts";
import { type LoadGenerator, type LoadOptions, pickLoadGenerator } from "./load-generator.ts";
import { currentLoad, describeMachine } from "./machine.ts";
import { measureHotProduct } from "./place-servers.ts";
import { type Measurement, type Run, renderReport } from "./report.ts";
import { type Scenario, scenarios } from "./scenarios.ts";
import { type RunningServer, startServer } from "./server-process.ts";
import { signIn } from "./session.ts";
import { type TargetName, targetSpecs } from "./targets.ts";
import { measureTypecheck } from "./typecheck-time.ts";

const config = runConfig();
const DURATION_S = config.BENCH_DURATION;
// Long enough for V8 to optimise the hot paths of every server (Prisma's and pg's included).
const WARM_UP_S = 5;
const CONNECTIONS = config.BENCH_CONNECTIONS;
const ROUNDS = 2;
const SERVER_URL = config.BENCH_DATABASE_URL;

const log = (message: string) => console.error(`bench: ${message}`);
const started = performance.now();
const loadBefore = currentLoad();

const generator = await pickLoadGenerator();
log(`load generator: ${generator.name}`);
const databaseUrl = await prepareBenchDatabase(SERVER_URL, config.BENCH_DATABASE_NAME);
log(`database ready: ${databaseUrl}`);
const specs = targetSpecs(databaseUrl);

const signInServer = await startServer(specs.lane);
const bearerToken = await signIn(signInServer.origin).finally(() => signInServer.stop());

const only = config.BENCH_ONLY;
const selected = only ? scenarios.filter((scenario) => only.includes(scenario.name)) : scenarios;
if (selected.length === 0) throw new Error(`BENCH_ONLY names no scenario group: ${only?.join(",")}`);
const measurements: Measurement[] = selected.map((scenario) => ({
  scenario,
  targetName: scenario.label ?? specs[scenario.target].name,
  runs: [],
}));
const targetOrder = [...new Set(selected.map((scenario) => scenario.target))];
for (let round = 1; round <= ROUNDS; round++) {
  for (const target of targetOrder) await measureTarget(target, round);
}

// A subset (BENCH_ONLY) measures its rows only: the orders, dashboard, jobs, cold starts and typecheck belong to the full record.
const placeOrders = only ? [] : await measureOrderPlacing();
const dashboard = only
  ? null
  : await logged("dashboard render on the seeded embedded database", measureDashboardRender);
const jobs = only
  ? { result: null, failure: undefined }
  : await logged("background jobs", () => measureJobs(databaseUrl, log)).then(
      (result) => ({ result, failure: undefined }),
      (error: unknown) => ({ result: null, failure: error instanceof Error ? error.message : String(error) }),
    );
const coldStarts = only ? [] : await logged("cold starts", () => measureColdStarts(databaseUrl));
const typecheck = only ? null : await logged("typecheck", measureTypecheck);

const report = renderReport({
  date: new Date(),
  machine: describeMachine(generator.name),
  settings: `${CONNECTIONS} connections, ${WARM_UP_S} s warm-up then ${DURATION_S} s per row`,
  load: { before: loadBefore, after: currentLoad() },
  measurements,
  coldStarts,
  placeOrders,
  dashboard,
  jobs: jobs.result,
  jobsFailure: jobs.failure,
  typecheck,
  totalSeconds: (performance.now() - started) / 1000,
});
writeFileSync(new URL(`../results/${only ? only.join("-") : "latest"}.md`, import.meta.url), report);
console.log(report);

function logged<T>(step: string, work: () => Promise<T>): Promise<T> {
  log(step);
  return work();
}

async function measureOrderPlacing() {
  log("orders.place on one product at 1, 10 and 50 clients");
  return measureHotProduct(databaseUrl, bearerToken);
}

async function measureTarget(target: TargetName, round: number) {
  // A server that does not start (e.g. no `next build` output) costs its rows, not the whole record.
  const server = await startServer(specs[target]).catch((error: unknown) => {
    const reason =
      error instanceof Error
        ? (error.message.split("\n").find((line) => /error/i.test(line)) ?? error.message)
        : String(error);
    log(`round ${round}: ${specs[target].name} did not start: ${reason}`);
    for (const m of measurements.filter((m) => m.scenario.target === target))
      m.failure = reason.slice(0, 200);
    return null;
  });
  if (!server) return;
  try {
    for (const measurement of measurements.filter((m) => m.scenario.target === target)) {
      const run = await measure(generator, server, measurement.scenario);
      measurement.runs.push(run);
      log(
        `round ${round}: ${measurement.scenario.name} on ${measurement.targetName}: ${Math.round(run.rps)} req/s`,
      );
    }
  } finally {
    await server.stop();
  }
}

async function measure(generator: LoadGenerator, server: RunningServer, scenario: Scenario): Promise<Run> {
  const request = scenario.request(server.origin, bearerToken);
  const options: LoadOptions = { durationS: DURATION_S, connections: CONNECTIONS };
  await generator.load(request, { ...options, durationS: WARM_UP_S }); // JIT, pools, Next's route compilation
  await sleep(100);
  const cpuBefore = server.cpuMicros();
  const ownCpuBefore = server.ownCpuMicros();
  const result = await generator.load(request, options);
  const cpuAfter = server.cpuMicros();
  const ownCpuAfter = server.ownCpuMicros();
  const perRequest = (before: number | null, after: number | null) =>
    before !== null && after !== null && result.requests > 0 ? (after - before) / result.requests : null;
  return {
    ...result,
    cpuMicrosPerRequest: perRequest(cpuBefore, cpuAfter),
    ownCpuMicrosPerRequest: perRequest(ownCpuBefore, ownCpuAfter),
  };
}
