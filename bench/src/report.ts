import type { ColdStart } from "./cold-start.ts";
import { type DashboardRender, renderDashboardSection } from "./dashboard-render.ts";
import type { JobsResult } from "./jobs-bench.ts";
import { jobsSection } from "./jobs-report.ts";
import type { LoadResult } from "./load-generator.ts";
import type { describeMachine } from "./machine.ts";
import type { PlaceResult } from "./place-orders.ts";
import { placeSection } from "./place-report.ts";
import { SCENARIO_TITLES, type Scenario, type ScenarioName } from "./scenarios.ts";
import type { TargetName } from "./targets.ts";

export type Run = LoadResult & {
  cpuMicrosPerRequest: number | null;
  /** The main process's alone (a forwarding pair's web process, without apps/server). */
  ownCpuMicrosPerRequest: number | null;
};
export type Measurement = { scenario: Scenario; targetName: string; runs: Run[]; failure?: string };

export type BenchRecord = {
  date: Date;
  machine: ReturnType<typeof describeMachine>;
  settings: string;
  load: { before: number; after: number };
  measurements: Measurement[];
  coldStarts: ColdStart[];
  placeOrders: PlaceResult[];
  /** The full record's parts are null when BENCH_ONLY ran a subset of the rows. */
  dashboard: DashboardRender | null;
  jobs: JobsResult | null;
  jobsFailure?: string | undefined;
  typecheck: { millis: number; ok: boolean } | null;
  totalSeconds: number;
};

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const noise = (values: number[]) => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return mean ? `${fixed(((Math.max(...values) - Math.min(...values)) / mean) * 100, 1)}%` : "–";
};

function find(record: BenchRecord, scenario: ScenarioName, target: TargetName) {
  return record.measurements.find((m) => m.scenario.name === scenario && m.scenario.target === target);
}

/** Calls per second in each run: the batch counts each of its calls. */
const callRates = (m: Measurement) => m.runs.map((run) => run.rps * m.scenario.calls);

function ratios(of: Measurement | undefined, to: Measurement | undefined): number[] {
  if (!of || !to) return [];
  const base = callRates(to);
  return callRates(of).map((rate, i) => rate / (base[i] ?? Number.NaN));
}

/** Issue 19: the web process's own CPU forwarding a call over the same process doing the work, by run. */
function webCpuRatios(record: BenchRecord): number[] {
  const own = (target: TargetName) =>
    find(record, "forwarded", target)?.runs.map((run) => run.ownCpuMicrosPerRequest) ?? [];
  const inProcess = own("next");
  return own("nextForwardingApart").flatMap((value, index) => {
    const base = inProcess[index];
    return value === null || base === null || base === undefined ? [] : [value / base];
  });
}

/** A goal row: every run at least `goal` (a ratio of throughputs), or below it when `below` (a ratio of costs). */
function acceptanceRow(label: string, values: number[], goal: number, { below = false } = {}) {
  const shown = values.map((value) => `${fixed(value, 2)}×`).join(" / ") || "not measured";
  const met = values.length > 0 && values.every((value) => (below ? value < goal : value >= goal));
  return `| ${label} | ${shown} | ${below ? "<" : "≥"} ${goal}× | ${met ? "met" : "**not met**"} |`;
}

function scenarioTable(record: BenchRecord, name: ScenarioName): string[] {
  const rows = record.measurements.filter((m) => m.scenario.name === name);
  const baseline = name === "batch" ? null : rows[0];
  const lines = [
    `## ${SCENARIO_TITLES[name]}`,
    "",
    `| server | req/s (run 1 / run 2) | noise | calls/s | p50 ms | p99 ms | errors | server CPU µs/req | ratio${baseline ? ` to ${baseline.targetName}` : " to single calls on the same server"} |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const m of rows) {
    if (m.failure) {
      lines.push(`| ${m.targetName} | did not start: ${m.failure.replaceAll("|", "/")} |||||||| |`);
      continue;
    }
    const base = baseline ?? find(record, "ping", m.scenario.target);
    const cpu = m.runs.map((run) => run.cpuMicrosPerRequest).filter((value) => value !== null);
    lines.push(
      [
        "",
        m.targetName,
        m.runs.map((run) => fixed(run.rps)).join(" / "),
        noise(m.runs.map((run) => run.rps)),
        fixed(median(callRates(m))),
        m.runs.map((run) => fixed(run.p50Ms, 2)).join(" / "),
        m.runs.map((run) => fixed(run.p99Ms, 2)).join(" / "),
        String(m.runs.reduce((sum, run) => sum + run.errors, 0)),
        cpu.length ? cpu.map((value) => fixed(value)).join(" / ") : "–",
        ratios(m, base)
          .map((value) => `${fixed(value, 3)}×`)
          .join(" / "),
        "",
      ]
        .join(" | ")
        .trim(),
    );
  }
  return [...lines, "", ...(name === "forwarded" ? webProcessCpu(record) : [])];
}

/** Issue 19: the web process's own CPU per request, forwarding against doing the work itself. */
function webProcessCpu(record: BenchRecord): string[] {
  const own = (m: Measurement | undefined) =>
    m?.runs
      .map((run) => (run.ownCpuMicrosPerRequest === null ? "–" : fixed(run.ownCpuMicrosPerRequest)))
      .join(" / ") ?? "–";
  return [
    `Web process's own CPU µs/req (run 1 / run 2): in-process ${own(find(record, "forwarded", "next"))}, forwarding ${own(find(record, "forwarded", "nextForwarding"))}, forwarding to an API server on its own core ${own(find(record, "forwarded", "nextForwardingApart"))} (issue 19: forwarding should cost the web process less than doing the work).`,
    "",
    "Both forwarding rows count the two processes' CPU in the server CPU column. With both on the server core, each forwarded call pays for both processes on one core (and for switching between them), so that row measures the pair's total cost; the API server on its own core is how a router runs once it has moved out, and that row carries issue 19's goal.",
    "",
  ];
}

export function renderReport(record: BenchRecord): string {
  const { machine } = record;
  return [
    "# Performance record (`pnpm bench`)",
    "",
    `${record.date.toISOString()} · ${machine.cpu} · Node ${machine.node}`,
    "",
    `- Versions: ${machine.versions}`,
    `- Load: ${machine.loadGenerator}; ${record.settings}; ${machine.pinning}; servers and load generator in separate processes, on 127.0.0.1.`,
    `- Each row was measured twice (run 1 / run 2: every server restarted in between); "noise" is the spread between the runs.`,
    `- Load average (1 min) ${fixed(record.load.before, 2)} before, ${fixed(record.load.after, 2)} after: above the core count means something else competed for the CPU, so compare rows of one run, not across days.`,
    `- Server CPU µs/req is the server process's own CPU time (user + system) per request; PostgreSQL's work is not in it.`,
    `- Whole bench: ${fixed(record.totalSeconds)} s.`,
    "",
    ...(record.typecheck ? acceptance(record) : []),
    ...(["ping", "batch", "list", "mutation", "forwarded", "nextPath", "tracingPing", "tracingList"] as const)
      .filter((name) => record.measurements.some((m) => m.scenario.name === name))
      .flatMap((name) => scenarioTable(record, name)),
    ...(record.typecheck ? extras(record, record.typecheck) : []),
  ].join("\n");
}

function acceptance(record: BenchRecord): string[] {
  const lanePing = find(record, "ping", "lane");
  return [
    "## Acceptance (issue 7), run 1 / run 2",
    "",
    "| target | measured | goal | |",
    "|---|---:|---:|---|",
    acceptanceRow(
      "Trivial query: express lane vs raw node:http",
      ratios(lanePing, find(record, "ping", "raw")),
      0.5,
    ),
    acceptanceRow(
      "Trivial query: express lane vs official adapter (tRPC as published)",
      ratios(lanePing, find(record, "ping", "official")),
      6,
    ),
    acceptanceRow(
      "catalog.products.list on PostgreSQL: express lane vs raw node:http + pg",
      ratios(find(record, "list", "lane"), find(record, "list", "rawPg")),
      0.8,
    ),
    acceptanceRow(
      "10-call batch vs single calls (express lane, calls/s)",
      ratios(find(record, "batch", "lane"), lanePing),
      5,
    ),
    "",
    ...acceptance19(record),
  ];
}

/** Issue 19's targets that the load rows measure; the hot product's verdict is in its own section. */
function acceptance19(record: BenchRecord): string[] {
  const [plainRoute, dynamicPlainRoute, trpcRoute] = record.measurements.filter(
    (m) => m.scenario.name === "nextPath",
  );
  const typecheck = record.typecheck;
  return [
    "## Acceptance (issue 19), run 1 / run 2",
    "",
    "| target | measured | goal | |",
    "|---|---:|---:|---|",
    acceptanceRow(
      "Forwarded call vs in-process, catalog.products.list in Next.js, API server on its own core (req/s)",
      ratios(find(record, "forwarded", "nextForwardingApart"), find(record, "forwarded", "next")),
      0.8,
    ),
    acceptanceRow(
      "The same, web app and API server sharing one core (req/s; watched)",
      ratios(find(record, "forwarded", "nextForwarding"), find(record, "forwarded", "next")),
      0.8,
    ),
    acceptanceRow(
      "Web process CPU per call, forwarding (API server on its own core) vs in-process",
      webCpuRatios(record),
      1,
      { below: true },
    ),
    acceptanceRow(
      "tRPC in Next.js vs a plain route handler, health.ping (req/s)",
      ratios(trpcRoute, plainRoute),
      0.9,
    ),
    acceptanceRow(
      "The same, against the plain handler on a dynamic route as tRPC's is (req/s; what tRPC itself costs)",
      ratios(trpcRoute, dynamicPlainRoute),
      0.9,
    ),
    ...(typecheck
      ? [
          `| Full-monorepo typecheck, uncached | ${fixed(typecheck.millis / 1000, 1)} s | ≤ 5 s | ${typecheck.ok && typecheck.millis <= 5000 ? "met" : "**not met**"} |`,
        ]
      : []),
    "",
  ];
}

function extras(record: BenchRecord, typecheck: { millis: number; ok: boolean }): string[] {
  return [
    ...placeSection(record.placeOrders),
    ...(record.dashboard ? renderDashboardSection(record.dashboard) : []),
    ...jobsSection(record.jobs, record.jobsFailure),
    "## apps/server cold start to the first 200 (`node dist/index.js` → `health.ping`)",
    "",
    "| database | runs (ms) | median ms |",
    "|---|---:|---:|",
    ...record.coldStarts.map(
      (c) => `| ${c.name} | ${c.millis.map((ms) => fixed(ms)).join(" / ")} | ${fixed(median(c.millis))} |`,
    ),
    "",
    "## Full-monorepo typecheck",
    "",
    `\`turbo run typecheck --force --only\` (scripts/typecheck.mjs: four tsc programs covering every workspace, uncached): ${fixed(typecheck.millis / 1000, 1)} s${typecheck.ok ? "" : " — **failed**"}.`,
    "",
  ];
}
