import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expectNoSecretsIn, rememberSecretsOf } from "@tally/host/testing";
import { webDir } from "./paths";

export type WebServer = {
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** SIGTERM, as a process manager would send it; resolves with the exit code. */
  stop(): Promise<number | null>;
};

const READY_TIMEOUT_MS = 90_000;

/** Runs the production build (`next start`); building is the build task's job, not the test's. */
export async function startWebServer(env: NodeJS.ProcessEnv): Promise<WebServer> {
  if (!existsSync(join(webDir, ".next", "BUILD_ID"))) {
    throw new Error("apps/web has no production build: run `pnpm --filter @tally/web build` first");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(join(webDir, "package.json")).resolve("next/dist/bin/next");
  const serverEnv: NodeJS.ProcessEnv = {
    // Production refuses the development secret; a fresh one per run is as real as it gets.
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    ...env,
    // Auth trusts requests from its own origin only, so it must know the address it serves.
    BETTER_AUTH_URL: url,
    NODE_ENV: "production",
    // As the package's start script does: let the app close its database before exiting.
    NEXT_MANUAL_SIG_HANDLE: "true",
  };
  rememberSecretsOf(serverEnv);
  const child = spawn(
    process.execPath,
    [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: webDir,
      env: serverEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const server: WebServer = {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      expectNoSecretsIn(output, "apps/web");
      return code;
    },
  };
  try {
    await waitUntilServing(server, child);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * Ready means a procedure answered: the database is open, not only the HTTP
 * port. The database was prepared before the server started, so an error
 * answer is a failure to report now, not a state to wait out.
 */
async function waitUntilServing(server: WebServer, child: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${server.output()}`);
    const response = await fetch(`${server.url}/api/trpc/health.check`).catch(() => null);
    if (response?.ok) return;
    if (response) throw new Error(`health.check answered ${response.status}:\n${server.output()}`);
    await sleep(250);
  }
  throw new Error(`next start did not answer within ${READY_TIMEOUT_MS} ms:\n${server.output()}`);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}
