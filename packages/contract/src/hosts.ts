import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { expectNoSecretsIn, rememberSecretsOf } from "@tally/host/testing";
import { freePort, waitUntilAnswering } from "./testing/host-process.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));

export type Host = {
  name: string;
  trpcUrl: string;
  baseUrl: string;
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL), as a crash would. */
  kill(): void;
  output: string[];
};

/** The standalone server from its build output, as production runs it. */
export function startServer(env: Record<string, string>) {
  return startHost("apps/server", ["dist/index.js"], "/trpc", env, "server");
}

/** The Next.js app from its production build (`next start`). */
export function startWeb(env: Record<string, string>) {
  const next = fileURLToPath(new URL("../../../apps/web/node_modules/next/dist/bin/next", import.meta.url));
  return startHost("apps/web", [next, "start", "--hostname", "127.0.0.1"], "/api/trpc", env, "web");
}

async function startHost(
  dir: string,
  args: string[],
  trpcPath: string,
  env: Record<string, string>,
  name: string,
): Promise<Host> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  rememberSecretsOf(env);
  const child: ChildProcess = spawn(
    process.execPath,
    [...args, ...(name === "web" ? ["--port", String(port)] : [])],
    {
      cwd: `${root}/${dir}`,
      env: {
        ...process.env,
        NODE_ENV: "production",
        // Every call's line, so the secret scan on stop sees what a production log would hold.
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: String(port),
        // Each host knows its own public address; it is the origin its clients send.
        BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const host: Host = {
    name,
    baseUrl,
    trpcUrl: `${baseUrl}${trpcPath}`,
    output,
    kill() {
      child.kill("SIGKILL");
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await Promise.race([once(child, "exit"), sleep(10_000).then(() => child.kill("SIGKILL"))]);
      }
      expectNoSecretsIn(output.join(""), name);
    },
  };
  await waitUntilAnswering(`${host.trpcUrl}/health.check`, child, output, 90_000);
  return host;
}
