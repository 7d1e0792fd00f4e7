import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { clientCores, onCores, serverCores } from "./cores.ts";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export type ServerSpec = {
  name: string;
  /** Folder under the repository root to run in. */
  cwd: string;
  /** Node arguments; "{port}" is replaced with the port. */
  args: string[];
  env?: Record<string, string>;
  /** A path that answers 200 once the server is ready. */
  readyPath: string;
  /** A second server started first (e.g. the API server a forwarding web app calls); "{companion}" in env is its origin. */
  companion?: ServerSpec;
  /** Whether the companion's CPU counts as the server's (a forwarding target's does; a collector stand-in's does not). */
  companionCpu?: boolean;
  /**
   * The core it runs on: the servers' (default), or the load generator's, for an API server that in
   * production runs on a machine of its own (the bench has two cores: one for servers, one for wrk).
   */
  core?: "server" | "client";
};

export type RunningServer = {
  origin: string;
  pid: number;
  /** CPU time the process has used so far (user + system), in microseconds; null off Linux. */
  cpuMicros(): number | null;
  /** The same for the main process alone, without its companion (the web process of a forwarding pair). */
  ownCpuMicros(): number | null;
  stop(): Promise<void>;
};

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Starts one server on 127.0.0.1, pinned to the server core, and waits until `readyPath` answers 200. */
export async function startServer(
  spec: ServerSpec,
  timeoutMs = 60_000,
  pollMs = 50,
  attempt = 1,
): Promise<RunningServer> {
  if (spec.companion) {
    const companion = await startServer(spec.companion, timeoutMs, pollMs);
    const env = Object.fromEntries(
      Object.entries(spec.env ?? {}).map(([key, value]) => [
        key,
        value.replace("{companion}", companion.origin),
      ]),
    );
    const main = await startServer({ ...spec, env, companion: undefined }, timeoutMs, pollMs).catch(
      async (error: unknown) => {
        await companion.stop();
        throw error;
      },
    );
    return {
      ...main,
      // Both processes serve each forwarded request.
      cpuMicros: () => {
        if (spec.companionCpu === false) return main.cpuMicros();
        const [a, b] = [main.cpuMicros(), companion.cpuMicros()];
        return a === null || b === null ? null : a + b;
      },
      stop: async () => {
        await main.stop();
        await companion.stop();
      },
    };
  }
  const port = 47_000 + Math.floor(Math.random() * 2000);
  const args = spec.args.map((arg) => arg.replace("{port}", String(port)));
  const cores = spec.core === "client" ? clientCores() : serverCores();
  const child: ChildProcess = spawn(...onCores(cores, process.execPath, args), {
    cwd: `${repoRoot}/${spec.cwd}`,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...spec.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on("line", (line) => output.push(line));

  const origin = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    origin,
    pid: child.pid ?? 0,
    cpuMicros: () => processCpuMicros(child.pid ?? 0),
    ownCpuMicros: () => processCpuMicros(child.pid ?? 0),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await Promise.race([once(child, "exit"), sleep(5000).then(() => child.kill("SIGKILL"))]);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await sleep(100); // the last lines of its output
      // A random port can collide with one still in use; a second port settles that (servers log nothing here).
      if (attempt < 2) return startServer(spec, timeoutMs, pollMs, attempt + 1);
      throw new Error(`${spec.name} exited with ${child.exitCode}:\n${output.join("\n")}`);
    }
    if (await answers200(`${origin}${spec.readyPath}`)) return server;
    await sleep(pollMs);
  }
  await server.stop();
  throw new Error(`${spec.name} did not answer within ${timeoutMs} ms:\n${output.join("\n")}`);
}

export function answers200(url: string): Promise<boolean> {
  return fetch(url).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status === 200;
    },
    () => false,
  );
}

function processCpuMicros(pid: number): number | null {
  try {
    // Fields after the command name (which may contain spaces): utime is the 14th field, stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks / TICKS_PER_SECOND) * 1e6;
  } catch {
    return null;
  }
}
