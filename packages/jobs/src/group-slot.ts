import { setTimeout as sleep } from "node:timers/promises";
import type { Job } from "pg-boss";
import type { Queue } from "./queue.ts";

/**
 * pg-boss's `groupConcurrency` counts a group's active jobs when it fetches,
 * but two workers fetching at the same moment each count the other's claim as
 * not yet made, and both start. This closes that gap: a claimed job runs only
 * once fewer than `limit` jobs of its group were claimed before it and are
 * still active. Claims are totally ordered by (started_on, id), so the
 * earliest always runs and no two jobs wait on each other; the wait is only
 * taken in that race, since the fetch keeps the limit otherwise.
 */
export async function waitForGroupSlot(
  queue: Queue,
  job: Pick<Job, "id" | "name" | "signal">,
  limit: number,
  pollMs = 200,
): Promise<void> {
  // Tally's queues are not partitioned, so every job lives in pg-boss's `job` table.
  const claimedAhead = `
    SELECT count(*)::int AS ahead
    FROM pgboss.job mine
    JOIN pgboss.job other
      ON other.name = mine.name AND other.group_id = mine.group_id AND other.state = 'active'
      AND (other.started_on, other.id) < (mine.started_on, mine.id)
    WHERE mine.name = $1 AND mine.id = $2`;
  for (;;) {
    const { rows } = await queue.boss.getDb().executeSql(claimedAhead, [job.name, job.id]);
    if (Number(rows[0]?.ahead ?? 0) < limit) return;
    // Stops waiting when the job is cancelled or the worker stops, with the signal's own reason.
    await sleep(pollMs, undefined, { signal: job.signal }).catch((error: unknown) => {
      throw job.signal.reason ?? error;
    });
  }
}
