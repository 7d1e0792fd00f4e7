import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { repoRoot, startServer } from "./server-process.ts";
import { signInCookie } from "./session.ts";

const run = promisify(execFile);

/** Sequential requests per page after the warm-up: one render at a time, so each figure is one render's latency. */
const REQUESTS = 200;
const WARM_UP = 30;
/** Issue 18's goal for the dashboard's server render. */
export const DASHBOARD_P95_GOAL_MS = 300;

export type PageRender = {
  path: string;
  title: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
};
export type DashboardRender = { pages: PageRender[]; seedMillis: number; rows: string };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * The dashboard's server render (`GET /` as the demo owner: session, six
 * aggregate queries, the HTML) on a freshly seeded embedded database, next to
 * the products page rendered by the same server in the same run as the
 * baseline. `next start` from the production build.
 */
export async function measureDashboardRender(): Promise<DashboardRender> {
  const dataDir = mkdtempSync(join(tmpdir(), "tally-bench-dashboard-"));
  const env = { DATABASE_URL: "", TALLY_DATA_DIR: dataDir };
  try {
    const seedStarted = performance.now();
    const { stdout } = await run("pnpm", ["--silent", "db:seed"], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    const seedMillis = performance.now() - seedStarted;
    const server = await startServer({
      name: "next start (embedded, seeded)",
      cwd: "apps/web",
      args: ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", "{port}"],
      env: { ...env, BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex") },
      readyPath: "/api/trpc/health.ping",
    });
    try {
      // What a browser sends for a page: the session cookie, a same-origin navigation.
      const headers = {
        cookie: await signInCookie(server.origin),
        "sec-fetch-site": "same-origin",
        "sec-fetch-mode": "navigate",
      };
      const pages: PageRender[] = [];
      for (const [path, title] of [
        ["/", "dashboard"],
        ["/products", "products (baseline)"],
      ] as const) {
        pages.push({ path, title, ...(await timeRenders(`${server.origin}${path}`, headers)) });
      }
      return { pages, seedMillis, rows: stdout.split("\n").find((line) => line.includes("customers")) ?? "" };
    } finally {
      await server.stop();
    }
  } finally {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timeRenders(url: string, headers: Record<string, string>) {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers, redirect: "manual" });
    const html = await response.text();
    // A redirect to sign-in would be fast and wrong: count it as an error, not a render.
    const ok = response.status === 200 && html.includes("<h1");
    return { millis: performance.now() - started, ok };
  };
  for (let i = 0; i < WARM_UP; i++) await once();
  const millis: number[] = [];
  let errors = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const result = await once();
    millis.push(result.millis);
    if (!result.ok) errors++;
  }
  millis.sort((a, b) => a - b);
  return {
    p50Ms: percentile(millis, 50),
    p95Ms: percentile(millis, 95),
    p99Ms: percentile(millis, 99),
    errors,
  };
}

export function renderDashboardSection(result: DashboardRender): string[] {
  const [dashboard, baseline] = result.pages;
  const ratio = dashboard && baseline ? dashboard.p95Ms / baseline.p95Ms : Number.NaN;
  const met = dashboard !== undefined && dashboard.errors === 0 && dashboard.p95Ms <= DASHBOARD_P95_GOAL_MS;
  return [
    "## Dashboard server render on the seeded embedded database (issue 18)",
    "",
    `\`pnpm db:seed\` into a new embedded data folder (${result.rows.replace(/^seed: /, "")}) took ${(result.seedMillis / 1000).toFixed(1)} s,`,
    `then \`next start\` rendered each page ${REQUESTS} times in a row (after ${WARM_UP} warm-up renders) for the demo owner.`,
    "",
    "| page | p50 ms | p95 ms | p99 ms | errors |",
    "|---|---:|---:|---:|---:|",
    ...result.pages.map(
      (page) =>
        `| \`${page.path}\` ${page.title} | ${page.p50Ms.toFixed(1)} | ${page.p95Ms.toFixed(1)} | ${page.p99Ms.toFixed(1)} | ${page.errors} |`,
    ),
    "",
    `Dashboard p95 ${dashboard?.p95Ms.toFixed(1)} ms against a goal of ≤ ${DASHBOARD_P95_GOAL_MS} ms: ${met ? "met" : "**not met**"}; ${ratio.toFixed(2)}× the products page's p95 in the same run.`,
    "",
  ];
}
