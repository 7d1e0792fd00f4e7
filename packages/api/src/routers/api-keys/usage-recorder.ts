import type { PrismaClient } from "@tally/db";
import type { Logger } from "../../logger.ts";

export type KeyCall = { apiKeyId: string; organizationId: string; procedure: string; status: string };

/**
 * Counts each key's calls in memory and adds them to `api_key_usage` (and the
 * keys' `lastUsedAt`) in one statement each per flush, so a call costs a Map
 * update, never a database write. A crash loses at most one interval's counts.
 */
export type UsageRecorder = {
  record(call: KeyCall, at?: Date): void;
  /** Writes what was counted so far; tests and shutdown call it. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

type Tally = KeyCall & { day: string; calls: number };

export function createUsageRecorder(
  db: PrismaClient,
  { flushEveryMs = 5_000, log }: { flushEveryMs?: number; log?: Logger } = {},
): UsageRecorder {
  let pending = new Map<string, Tally>();
  let lastUsed = new Map<string, Date>();
  let flushing: Promise<void> = Promise.resolve();

  async function write(batch: Tally[], used: Map<string, Date>) {
    if (batch.length) {
      await db.$executeRaw`
        INSERT INTO api_key_usage ("apiKeyId", "organizationId", day, procedure, status, calls)
        SELECT batch.* FROM unnest(
          ${batch.map((row) => row.apiKeyId)}::text[], ${batch.map((row) => row.organizationId)}::text[],
          ${batch.map((row) => row.day)}::date[], ${batch.map((row) => row.procedure)}::text[],
          ${batch.map((row) => row.status)}::text[], ${batch.map((row) => row.calls)}::int[]
        ) AS batch (key_id, organization_id, day, procedure, status, calls)
        -- A key deleted meanwhile (its organisation removed) has nothing left to count against.
        WHERE EXISTS (SELECT 1 FROM api_key WHERE api_key.id = batch.key_id)
        ON CONFLICT ("apiKeyId", day, procedure, status)
        DO UPDATE SET calls = api_key_usage.calls + EXCLUDED.calls`;
    }
    if (used.size) {
      await db.$executeRaw`
        UPDATE api_key SET "lastUsedAt" = GREATEST(COALESCE("lastUsedAt", used.at), used.at)
        FROM unnest(${[...used.keys()]}::text[], ${[...used.values()]}::timestamp[]) AS used(id, at)
        WHERE api_key.id = used.id`;
    }
  }

  const flush = () => {
    const batch = [...pending.values()];
    const used = lastUsed;
    pending = new Map();
    lastUsed = new Map();
    // Flushes run one after another, so two never add the same counts concurrently.
    flushing = flushing.then(() =>
      write(batch, used).catch((error: unknown) => {
        log?.warn({ err: error, rows: batch.length }, "API key usage not recorded");
      }),
    );
    return flushing;
  };
  const timer = setInterval(flush, flushEveryMs);
  timer.unref();

  return {
    record(call, at = new Date()) {
      const day = at.toISOString().slice(0, 10);
      const key = `${call.apiKeyId}\n${day}\n${call.procedure}\n${call.status}`;
      const tally = pending.get(key);
      if (tally) tally.calls += 1;
      else pending.set(key, { ...call, day, calls: 1 });
      const previous = lastUsed.get(call.apiKeyId);
      if (!previous || previous < at) lastUsed.set(call.apiKeyId, at);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
