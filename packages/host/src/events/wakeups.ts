import pg from "pg";

/** The channel every Tally process listens on. Its notifications carry nothing: they only say "read". */
export const EVENTS_CHANNEL = "tally_events";

export type Wakeups = {
  /** Tells every other process to read now; bursts coalesce into one NOTIFY in flight at a time. */
  announce(): void;
  /** True while the LISTEN connection is up (polling covers the gaps). */
  readonly listening: boolean;
  close(): Promise<void>;
};

type Log = { warn(fields: object, message: string): void; info(fields: object, message: string): void };

const RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * One dedicated connection per process, outside the pool: LISTEN on it, and
 * NOTIFY from it after a local commit, outside any business transaction, so a
 * commit never waits on PostgreSQL's notification lock. It must reach the
 * server directly (a transaction-pooling proxy drops LISTEN). When it breaks,
 * it reconnects with back-off and says so once; polling keeps subscribers fed
 * meanwhile.
 */
export function openWakeups(url: string, onWake: () => void, log: Log): Wakeups {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let failures = 0;
  let sending = false;
  let pending = false;
  let retry: NodeJS.Timeout | null = null;

  async function connect() {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, application_name: "tally-event-wakeups" });
    let ownPid = 0;
    next.on("error", () => {}); // reported through `end` below, once
    next.on("notification", (message) => {
      // Our own NOTIFY: this process already read when it sent it.
      if (message.processId !== ownPid) onWake();
    });
    next.on("end", () => lost(next));
    try {
      await next.connect();
      const { rows } = await next.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      ownPid = rows[0]?.pid ?? 0;
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      lost(next, error);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    listening = true;
    if (failures > 0) log.info({ channel: EVENTS_CHANNEL }, "event wake-ups listening again");
    failures = 0;
    onWake(); // anything committed while we were away
  }

  function lost(which: pg.Client, error?: unknown) {
    if (client !== null && client !== which) return;
    client = null;
    listening = false;
    if (closed || retry) return;
    if (failures === 0)
      log.warn(
        {
          channel: EVENTS_CHANNEL,
          err: { message: error instanceof Error ? error.message : "connection ended" },
        },
        "event wake-ups lost: polling until the LISTEN connection is back",
      );
    const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delay);
    retry.unref();
  }

  async function send() {
    sending = true;
    try {
      while (pending && client) {
        pending = false;
        await client.query(`NOTIFY ${EVENTS_CHANNEL}`).catch(() => {
          // The connection is going; the others will poll.
        });
      }
    } finally {
      sending = false;
    }
  }

  void connect();
  return {
    announce() {
      pending = true;
      if (!sending) void send();
    },
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      listening = false;
      await current?.end().catch(() => {});
    },
  };
}
