import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expectNoSecretsIn, rememberSecretsOf } from "@tally/host/testing";
import { webDir } from "./paths";

export type Worker = { stop(): Promise<void> };

/**
 * `pnpm start:worker` from apps/server's build, on the test's database: the
 * web app queues jobs (emails, reports) and a worker beside it runs them, as
 * in production. The web app's test task builds apps/server first.
 */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker> {
  const serverDir = dirname(
    createRequire(join(webDir, "package.json")).resolve("@tally/server/package.json"),
  );
  const workerEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production", LOG_LEVEL: "info" };
  rememberSecretsOf(workerEnv);
  const child: ChildProcess = spawn(process.execPath, ["dist/worker.js"], {
    cwd: serverDir,
    env: workerEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = once(child, "exit");
  const deadline = Date.now() + 60_000;
  while (!output.includes("tally worker running")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the worker did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      expectNoSecretsIn(output, "the worker");
    },
  };
}
