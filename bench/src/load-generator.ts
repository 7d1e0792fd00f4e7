// The load generator runs in its own process, pinned to the core the servers
// do not use: wrk (lighter, so it saturates the server, not itself), or
// autocannon from node_modules when asked for.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { clientCores } from "./cores.ts";

const run = promisify(execFile);

export type LoadRequest = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
};
export type LoadOptions = { durationS: number; connections: number };
export type LoadResult = { rps: number; requests: number; p50Ms: number; p99Ms: number; errors: number };

export type LoadGenerator = {
  name: string;
  load(request: LoadRequest, options: LoadOptions): Promise<LoadResult>;
};

/**
 * wrk, installed from Debian's packages when it is missing and the machine
 * allows it (root and apt-get); otherwise the bench stops with one line
 * saying how to get it. autocannon's ceiling is lower than the servers it
 * measures, so it is used only when asked for (BENCH_ALLOW_AUTOCANNON=1) and
 * the report names it.
 */
export async function pickLoadGenerator(): Promise<LoadGenerator> {
  let version = await wrkVersion();
  if (version === null && canInstallWithApt()) {
    console.log("bench: installing wrk from Debian's packages (apt-get install -y wrk)");
    await run("apt-get", ["install", "-y", "-qq", "wrk"], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    }).catch(() =>
      run("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk"]),
    );
    version = await wrkVersion();
  }
  if (version !== null) return { name: version.split("\n")[0]?.split(" [")[0] ?? "wrk", load: loadWithWrk };
  if (process.env.BENCH_ALLOW_AUTOCANNON === "1")
    return { name: "autocannon (wrk not installed; figures lower than wrk's)", load: loadWithAutocannon };
  console.error(
    "bench: wrk is not installed: run `sudo apt-get install -y wrk` (or set BENCH_ALLOW_AUTOCANNON=1 to measure with autocannon, whose figures are lower and not comparable)",
  );
  process.exit(1);
}

function wrkVersion(): Promise<string | null> {
  return run("wrk", ["--version"]).then(
    ({ stdout, stderr }) => `${stdout}${stderr}`,
    (error: { stdout?: string; stderr?: string; code?: unknown }) =>
      error.code === "ENOENT" ? null : `${error.stdout ?? ""}${error.stderr ?? ""}`,
  );
}

/** Root on a Debian-like machine: the bench may install its own load generator, as `.ci/run` installs Chromium. */
function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
}

async function loadWithWrk(request: LoadRequest, { durationS, connections }: LoadOptions) {
  const dir = mkdtempSync(join(tmpdir(), "tally-bench-"));
  try {
    const script = join(dir, "request.lua");
    writeFileSync(script, wrkScript(request));
    const { stdout } = await run(
      ...pinned("wrk", ["-t1", `-c${connections}`, `-d${durationS}s`, "-s", script, request.url]),
      { timeout: (durationS + 30) * 1000 },
    );
    const summary = JSON.parse(stdout.slice(stdout.lastIndexOf("{"))) as {
      requests: number;
      durationUs: number;
      p50Us: number;
      p99Us: number;
      errors: number;
    };
    return {
      rps: summary.requests / (summary.durationUs / 1e6),
      requests: summary.requests,
      p50Ms: summary.p50Us / 1000,
      p99Ms: summary.p99Us / 1000,
      errors: summary.errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Lua script: the request, and a summary as one JSON line (non-2xx responses count as errors). */
function wrkScript({ method, headers, body }: LoadRequest) {
  const lua = (text: string) => `[==[${text}]==]`;
  return [
    `wrk.method = ${lua(method)}`,
    ...Object.entries(headers).map(([name, value]) => `wrk.headers[ ${lua(name)} ] = ${lua(value)}`),
    body === undefined ? "" : `wrk.body = ${lua(body)}`,
    `done = function(summary, latency, requests)`,
    `  local e = summary.errors`,
    `  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"errors":%d}\\n',`,
    `    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),`,
    `    e.connect + e.read + e.write + e.timeout + e.status))`,
    `end`,
  ].join("\n");
}

async function loadWithAutocannon(request: LoadRequest, { durationS, connections }: LoadOptions) {
  const cli = fileURLToPath(import.meta.resolve("autocannon/autocannon.js"));
  const args = [cli, "--json", "-c", String(connections), "-d", String(durationS), "-m", request.method];
  for (const [name, value] of Object.entries(request.headers)) args.push("-H", `${name}=${value}`);
  if (request.body !== undefined) args.push("-b", request.body);
  const { stdout } = await run(...pinned(process.execPath, [...args, request.url]), {
    timeout: (durationS + 30) * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function pinned(command: string, args: string[]): [string, string[]] {
  const cores = clientCores();
  return cores ? ["taskset", ["-c", cores, command, ...args]] : [command, args];
}
