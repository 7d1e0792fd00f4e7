import { PgBoss } from "pg-boss";
import { deadLetterOf, type JobDefinition, type JobName, jobCatalogue } from "./catalogue.ts";

export type QueueOptions = {
  /** The PostgreSQL database the queue lives in (its own `pgboss` schema); Tally's own database. */
  url: string;
  /** Kinds of work to declare; Tally's catalogue unless a test brings its own. */
  catalogue?: Record<string, JobDefinition>;
  /** Create the scheduled jobs (every instance may; pg-boss keeps one per schedule). */
  schedule?: boolean;
  /** Errors pg-boss reports while it runs in the background (lost connection, failed maintenance). */
  onError?: (error: Error) => void;
};

export type Queue = {
  boss: PgBoss;
  catalogue: Record<string, JobDefinition>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
};

/**
 * Starts pg-boss on Tally's database and declares every queue (and its dead
 * letters). Cheap to call in every process that enqueues: the schema and the
 * queues are created once, under pg-boss's own lock.
 */
export async function openQueue({
  url,
  catalogue = jobCatalogue,
  schedule = false,
  onError = () => {},
}: QueueOptions): Promise<Queue> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    // LISTEN/NOTIFY wakes workers at once; polling stays as the floor.
    useListenNotify: true,
    schedule,
    // How soon a job whose worker died (no heartbeat) is failed and retried by another: seconds, not a minute.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    // The ready counts workers read to keep fetching through a backlog (workers.ts), refreshed this often.
    queueCacheIntervalSeconds: 2,
    application_name: "tally-queue",
  });
  boss.on("error", onError);
  await boss.start();
  for (const [name, definition] of Object.entries(catalogue)) {
    if (definition.deadLetter) await ensureQueue(boss, deadLetterOf(name), { retryLimit: 0 });
    await ensureQueue(boss, name, {
      ...definition.options,
      notify: true,
      ...(definition.deadLetter ? { deadLetter: deadLetterOf(name) } : {}),
    });
    if (schedule && definition.schedule) await boss.schedule(name, definition.schedule, {}, { tz: "UTC" });
  }
  return {
    boss,
    catalogue,
    async stop({ graceful = true, timeoutMs = 10_000 } = {}) {
      await boss.stop({ graceful, timeout: timeoutMs });
    },
  };
}

/**
 * Declared once: a queue keeps the options it was created with (changing one
 * later is a deliberate `updateQueue`, not a side effect of a deploy). Two
 * processes starting together may both try; the loser finds it made.
 */
async function ensureQueue(boss: PgBoss, name: string, options: Parameters<PgBoss["createQueue"]>[1]) {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, options);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}

export type { JobName };
