// One job worker in a process of its own, as `pnpm start:worker` runs one:
// Tally's handlers (reports, the overdue run) plus a no-op kind, at the
// default concurrency. The bench talks to it over IPC: it counts no-op jobs
// and reports this process's memory (resident now, and the peak since the
// bench last reset it), so the figures come from the worker itself.
import { readFileSync, writeFileSync } from "node:fs";
import { jobHandlers, logger } from "@tally/api";
import { openDatabase } from "@tally/db";
import { openQueue, startWorkers } from "@tally/jobs";
import { BENCH_NOOP, benchCatalogue, WORKER_CONCURRENCY } from "./jobs-catalogue.ts";

export type WorkerRequest =
  | { type: "count-noops"; target: number }
  | { type: "reset-peak" }
  | { type: "memory" };
export type WorkerReply =
  | { type: "ready" }
  | { type: "noops-done"; count: number }
  | { type: "memory"; rssBytes: number; peakBytes: number };

const url = process.argv[2] ?? "";
const { prisma: db } = await openDatabase({ kind: "postgres", url, poolSize: 4 });
const queue = await openQueue({ url, catalogue: benchCatalogue });
await startWorkers(queue, jobHandlers({ db, log: logger }), { concurrency: WORKER_CONCURRENCY });

let noops = 0;
let target = Number.POSITIVE_INFINITY;
await queue.boss.work(
  BENCH_NOOP,
  // What startWorkers passes for each kind: the same polling and concurrency.
  {
    localConcurrency: WORKER_CONCURRENCY,
    pollingIntervalSeconds: 2,
    notifyPollingIntervalSeconds: 2,
    burstWhenReadyExceeds: 1,
  },
  async () => {
    noops++;
    if (noops === target) send({ type: "noops-done", count: noops });
  },
);

// /proc's high-water mark catches peaks between samples; sampling covers kernels without clear_refs.
let sampledPeak = 0;
setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
}, 20).unref();

function kernelPeakBytes(): number {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmHWM:"));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}

function send(reply: WorkerReply) {
  process.send?.(reply);
}

process.on("message", (request: WorkerRequest) => {
  if (request.type === "count-noops") {
    noops = 0;
    target = request.target;
  } else if (request.type === "reset-peak") {
    sampledPeak = process.memoryUsage.rss();
    try {
      writeFileSync("/proc/self/clear_refs", "5"); // resets VmHWM to the current RSS
    } catch {
      // Not Linux, or not allowed: the sampled peak stands alone.
    }
    send({ type: "memory", rssBytes: sampledPeak, peakBytes: sampledPeak });
  } else {
    const rssBytes = process.memoryUsage.rss();
    send({ type: "memory", rssBytes, peakBytes: Math.max(sampledPeak, rssBytes, kernelPeakBytes()) });
  }
});
send({ type: "ready" });
