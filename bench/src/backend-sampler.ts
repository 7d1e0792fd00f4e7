// Where the app's database sessions spend a load run, from pg_stat_activity
// sampled every few milliseconds: waiting on a lock, running a statement, or
// idle inside a transaction (waiting for the app to send the next statement:
// round trips and the app's own CPU while it holds its locks).
import pg from "pg";

export type BackendStates = {
  samples: number;
  /** Mean number of the app's sessions in each state per sample. */
  lockWait: number;
  running: number;
  idleInTransaction: number;
  /** Open sessions doing nothing (the pool's spare connections). */
  idle: number;
};

const EVERY_MS = 10;

export function sampleBackends(databaseUrl: string): { stop(): void; result: Promise<BackendStates> } {
  let stopped = false;
  const result = (async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const totals = { samples: 0, lockWait: 0, running: 0, idleInTransaction: 0, idle: 0 };
    try {
      const database = new URL(databaseUrl).pathname.slice(1);
      while (!stopped) {
        const { rows } = await client.query<{ lock: number; running: number; tx: number; idle: number }>(
          `SELECT count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')::int AS lock,
                  count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock')::int AS running,
                  count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS tx,
                  count(*) FILTER (WHERE state = 'idle')::int AS idle
             FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [database],
        );
        const row = rows[0];
        if (row) {
          totals.samples++;
          totals.lockWait += row.lock;
          totals.running += row.running;
          totals.idleInTransaction += row.tx;
          totals.idle += row.idle;
        }
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      }
    } finally {
      await client.end();
    }
    const mean = (value: number) => (totals.samples ? value / totals.samples : 0);
    return {
      samples: totals.samples,
      lockWait: mean(totals.lockWait),
      running: mean(totals.running),
      idleInTransaction: mean(totals.idleInTransaction),
      idle: mean(totals.idle),
    };
  })();
  return {
    stop: () => {
      stopped = true;
    },
    result,
  };
}
