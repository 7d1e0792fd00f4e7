/**
 * A worker in a process of its own, for the tests of workers that crash or
 * share the queue (reports.crash.test.ts, reports.workers.test.ts). It runs
 * report jobs slowly enough to be killed in the middle of one, and says on
 * stdout which reports it ran, so a test can tell which process did the work.
 *
 * Arguments: the database URL, then optionally --batch=N --pause-ms=N --concurrency=N.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@tally/db";
import { openQueue, startWorkers } from "@tally/jobs";
import { jobHandlers } from "../jobs.ts";
import { logger } from "../logger.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    batch: { type: "string", default: "25" },
    "pause-ms": { type: "string", default: "50" },
    concurrency: { type: "string", default: "2" },
  },
});
const url = positionals[0] ?? "";
const { prisma: db } = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const queue = await openQueue({ url });
const handlers = jobHandlers({
  db,
  log: logger,
  reportPacing: { batchSize: Number(values.batch), pauseMs: Number(values["pause-ms"]) },
});
const runReport = handlers["reports.run"];
await startWorkers(
  queue,
  {
    ...handlers,
    "reports.run": async (job) => {
      await runReport?.(job);
      process.stdout.write(`ran ${job.data.reportId}\n`);
    },
  },
  { pollingIntervalSeconds: 0.5, concurrency: Number(values.concurrency) },
);
process.stdout.write("working\n");
await new Promise(() => {});
