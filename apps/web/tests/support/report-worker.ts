import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./paths";

export type ReportWorker = { output(): string; stop(): Promise<void> };

const apiDir = join(repoRoot, "packages", "api");

/**
 * A worker process running Tally's real job handlers on the test database
 * (the Next.js app runs none: `apps/server` does, in `pnpm start`), paced so a
 * report takes seconds and its progress can be watched moving.
 */
export async function startReportWorker(
  url: string,
  { batch = 100, pauseMs = 100 }: { batch?: number; pauseMs?: number } = {},
): Promise<ReportWorker> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/testing/report-worker-process.ts",
      url,
      `--batch=${batch}`,
      `--pause-ms=${pauseMs}`,
    ],
    { cwd: apiDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("working\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the report worker exited early (${code}):\n${output}`)));
  });
  return {
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
