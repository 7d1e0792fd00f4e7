/**
 * A worker in a process of its own, for the crash test of reports
 * (reports.crash.test.ts): it runs report jobs slowly enough to be killed
 * in the middle of one. Argument: the database URL.
 */
import { openDatabase } from "@tally/db";
import { openQueue, startWorkers } from "@tally/jobs";
import { jobHandlers } from "../jobs.ts";
import { logger } from "../logger.ts";

const url = process.argv[2] ?? "";
const { prisma: db } = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const queue = await openQueue({ url });
await startWorkers(queue, jobHandlers({ db, log: logger, reportPacing: { batchSize: 25, pauseMs: 50 } }), {
  pollingIntervalSeconds: 0.5,
});
process.stdout.write("working\n");
await new Promise(() => {});
