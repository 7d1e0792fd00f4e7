import type { Job } from "pg-boss";
import type { JobName, JobPayloads } from "./catalogue.ts";
import { waitForGroupSlot } from "./group-slot.ts";
import type { Queue } from "./queue.ts";

/**
 * What a kind of job does. `job.signal` aborts when the job is cancelled or
 * the worker stops: long handlers check it between steps. Throwing fails the
 * attempt; the queue retries it with backoff, then dead-letters it.
 */
export type JobHandler<Name extends JobName> = (job: Job<JobPayloads[Name]>) => Promise<unknown>;
export type JobHandlers = { [Name in JobName]?: JobHandler<Name> };

export type WorkerOptions = {
  /** Jobs of one kind this process runs at once. */
  concurrency?: number;
  /** Seconds between polls when LISTEN/NOTIFY is quiet. */
  pollingIntervalSeconds?: number;
};

/** Registers a worker for each handler; `queue.stop()` ends them (finishing or releasing the jobs they hold). */
export async function startWorkers(
  queue: Queue,
  handlers: JobHandlers,
  { concurrency = 2, pollingIntervalSeconds = 2 }: WorkerOptions = {},
): Promise<void> {
  for (const [name, handler] of Object.entries(handlers) as [JobName, JobHandler<JobName>][]) {
    const definition = queue.catalogue[name];
    await queue.boss.work<JobPayloads[JobName]>(
      name,
      {
        localConcurrency: concurrency,
        pollingIntervalSeconds,
        // NOTIFY wakes a worker for a new job, not for a retry coming due: poll for those too.
        notifyPollingIntervalSeconds: pollingIntervalSeconds,
        // After a job, pg-boss waits a whole polling interval before the next fetch: one short job
        // per slot every 2 s. While the queue's stats say jobs are ready, fetch again at once
        // (the first fetch that comes back empty returns to polling).
        burstWhenReadyExceeds: 1,
        ...(definition?.perOrganisation ? { groupConcurrency: definition.perOrganisation } : {}),
      },
      async ([job]) => {
        if (!job) return undefined;
        if (definition?.perOrganisation && job.groupId)
          await waitForGroupSlot(queue, job, definition.perOrganisation);
        return handler(job);
      },
    );
  }
}
