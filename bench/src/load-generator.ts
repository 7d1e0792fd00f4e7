// The load generator runs in its own process, pinned to the core the servers
// do not use: wrk when installed (lighter, so it saturates the server, not
// itself), otherwise autocannon from node_modules.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

/** wrk if it is on PATH; `pnpm bench` installs nothing (see bench/README.md). */
export async function pickLoadGenerator(): Promise<LoadGenerator> {
  const wrkVersion = await run("wrk", ["--version"]).then(
    ({ stdout, stderr }) => `${stdout}${stderr}`,
    (error: { stdout?: string; stderr?: string; code?: unknown }) =>
      error.code === "ENOENT" ? null : `${error.stdout ?? ""}${error.stderr ?? ""}`,
  );
  if (wrkVersion !== null)
    return { name: wrkVersion.split("\n")[0]?.split(" [")[0] ?? "wrk", load: loadWithWrk };
  return { name: "autocannon (wrk not installed)", load: loadWithAutocannon };
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
