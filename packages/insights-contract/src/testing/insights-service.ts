import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";

// Importing scikit-learn takes seconds on an idle machine and over a minute on a loaded 2-core CI runner.
const startupTimeoutMs = 150_000;

export const insightsAppDir = path.resolve(import.meta.dirname, "../../../../apps/insights");

export type RunningService = {
  url: string;
  token: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
};

/** Fails with the service's own one-line install hint when Debian's Python packages are missing. */
export async function requireDebianPython(): Promise<void> {
  try {
    await promisify(execFile)("sh", [path.join(insightsAppDir, "scripts/check-python.sh")]);
  } catch (error) {
    const stderr = error instanceof Error && "stderr" in error ? String(error.stderr).trim() : String(error);
    throw new Error(stderr);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** Starts `python -m insights` (uvicorn) from `appDir` on a free loopback port and waits for /health. */
export async function startInsightsService(appDir: string = insightsAppDir): Promise<RunningService> {
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const child = spawn("/usr/bin/python3", ["-m", "insights"], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      // Not read by the service; Next.js's types (apps/web imports this helper) require it on every env.
      NODE_ENV: "test",
      INSIGHTS_HOST: "127.0.0.1",
      INSIGHTS_PORT: String(port),
      INSIGHTS_SERVICE_TOKEN: token,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`insights service exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return { url, token, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`insights service did not answer /health within ${startupTimeoutMs / 1000} s:\n${output}`);
}

/** JSON pointers where two documents differ, key order ignored: the drift test's failure message. */
export function contractDifferences(live: unknown, committed: unknown, pointer = ""): string[] {
  if (Array.isArray(live) && Array.isArray(committed)) {
    if (live.length !== committed.length) return [pointer || "/"];
    return live.flatMap((item, index) => contractDifferences(item, committed[index], `${pointer}/${index}`));
  }
  if (isRecord(live) && isRecord(committed)) {
    const keys = [...new Set([...Object.keys(live), ...Object.keys(committed)])].sort();
    return keys.flatMap((key) =>
      contractDifferences(
        live[key],
        committed[key],
        `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
      ),
    );
  }
  return Object.is(live, committed) ? [] : [pointer || "/"];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
