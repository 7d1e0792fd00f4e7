import { type JobDefinition, jobCatalogue } from "@tally/jobs";

/** A job that does nothing: what the queue itself costs per job. */
export const BENCH_NOOP = "bench.noop";
/** Jobs enqueued beside orders.place, never worked: the cost of the enqueue alone. */
export const BENCH_ENQUEUED = "bench.enqueued";
/** TALLY_WORKER_CONCURRENCY's default. */
export const WORKER_CONCURRENCY = 2;

export const benchCatalogue: Record<string, JobDefinition> = {
  ...jobCatalogue,
  [BENCH_NOOP]: { options: { retryLimit: 0 }, deadLetter: false },
  [BENCH_ENQUEUED]: { options: { retryLimit: 0 }, deadLetter: false },
};
