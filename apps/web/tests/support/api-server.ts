import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expectNoSecretsIn, rememberSecretsOf } from "@tally/host/testing";
import { webDir } from "./paths";

export type ApiServer = { url: string; stop(): Promise<void> };

/** apps/server's build beside the web app, on the test's database and a free port. */
export async function startApiServer(env: NodeJS.ProcessEnv): Promise<ApiServer> {
  const serverDir = dirname(
    createRequire(join(webDir, "package.json")).resolve("@tally/server/package.json"),
  );
  const serverEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    PORT: "0",
    TALLY_WORKERS: "false",
  };
  rememberSecretsOf(serverEnv);
  const child: ChildProcess = spawn(process.execPath, ["dist/index.js"], {
    cwd: serverDir,
    env: serverEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = once(child, "exit");
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!url) {
    url = /"url":"(http:[^"]+)"/.exec(output)?.[1];
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`apps/server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      expectNoSecretsIn(output, "apps/server");
    },
  };
}
