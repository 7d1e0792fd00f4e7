import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expectNoSecretsIn, rememberSecretsOf } from "@tally/host/testing";
import { webDir } from "./paths";

export type BuiltProcess<Ready> = { ready: Ready; stop(): Promise<void> };

/**
 * One of apps/server's builds (`dist/index.js`, `dist/worker.js`) beside the
 * web app, as production runs it: started with `env`, ready once `readyFrom`
 * finds what it waits for in the output, and checked on stop for any secret
 * it was given. The web app's test task builds apps/server first.
 */
export async function startServerBuild<Ready>(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  readyFrom: (output: string) => Ready | undefined,
): Promise<BuiltProcess<Ready>> {
  const serverDir = dirname(
    createRequire(join(webDir, "package.json")).resolve("@tally/server/package.json"),
  );
  const processEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production", LOG_LEVEL: "info" };
  rememberSecretsOf(processEnv);
  const child: ChildProcess = spawn(process.execPath, [script], {
    cwd: serverDir,
    env: processEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = once(child, "exit");
  const deadline = Date.now() + 60_000;
  let ready = readyFrom(output);
  while (ready === undefined) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    ready = readyFrom(output);
  }
  return {
    ready,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      expectNoSecretsIn(output, name);
    },
  };
}
