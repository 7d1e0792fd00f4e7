import { startServerBuild } from "./server-build";

export type Worker = { stop(): Promise<void> };

/**
 * `pnpm start:worker` from apps/server's build, on the test's database: the
 * web app queues jobs (emails, reports) and a worker beside it runs them, as
 * in production.
 */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker> {
  const worker = await startServerBuild("the worker", "dist/worker.js", env, (output) =>
    output.includes("tally worker running") ? true : undefined,
  );
  return { stop: worker.stop };
}
