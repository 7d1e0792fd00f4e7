import type { Db } from "../transaction.ts";

/**
 * Deletes events older than `before`, oldest first in stream order, and
 * never the newest event: what remains is always a suffix of the stream, so
 * a reader whose position is older than the oldest event left knows it may
 * have missed some (it resyncs), and one that is not has missed nothing.
 */
export async function pruneEvents(db: Db, before: Date): Promise<number> {
  return db.$executeRaw`
    WITH boundary AS (
      SELECT txid, id FROM domain_event WHERE "createdAt" < ${before} ORDER BY txid DESC, id DESC LIMIT 1
    ), newest AS (
      SELECT txid, id FROM domain_event ORDER BY txid DESC, id DESC LIMIT 1
    )
    DELETE FROM domain_event AS event USING boundary, newest
    WHERE (event.txid, event.id) <= (boundary.txid, boundary.id)
      AND (event.txid, event.id) < (newest.txid, newest.id)`;
}
