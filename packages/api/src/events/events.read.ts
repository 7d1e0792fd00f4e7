import { Prisma } from "@tally/db";
import type { DeliveredEvent, EventCursor } from "@tally/validators";
import type { Db } from "../transaction.ts";

/**
 * A place in the stream: the writing transaction's id, then the event's id.
 * Ids come from a sequence when a row is inserted, so a transaction that took
 * id 10 can commit after one that took id 11; a reader at `id > 10` would then
 * never see it. Transaction ids settle the order instead: only events of
 * transactions older than every write transaction still running are read,
 * and nothing can commit below that line afterwards.
 */
export type EventPosition = { txid: bigint; id: bigint };

/** Before every event: where a reader that wants everything starts. */
export const STREAM_START: EventPosition = { txid: 0n, id: 0n };

export const cursorOf = ({ txid, id }: EventPosition): EventCursor => `${txid}-${id}`;

export function positionOf(cursor: EventCursor): EventPosition {
  const [txid = "0", id = "0"] = cursor.split("-");
  return { txid: BigInt(txid), id: BigInt(id) };
}

export const isAfter = (a: EventPosition, b: EventPosition) =>
  a.txid > b.txid || (a.txid === b.txid && a.id > b.id);

/** An event as read back, with its organisation (a reader across organisations dispatches by it). */
export type StoredEvent = DeliveredEvent & { organizationId: string; position: EventPosition };

type EventRow = {
  id: string;
  txid: string;
  organizationId: string;
  kind: DeliveredEvent["kind"];
  recordId: string;
  data: DeliveredEvent["data"];
  createdAt: Date;
};

/**
 * The oldest write transaction still running in this database (the next xid
 * when none is). Transactions of other databases on the same server are left
 * out, so a long one there does not hold this stream back; any xid that
 * cannot be placed counts, which can only delay delivery, never skip an event.
 */
const READABLE_BELOW = Prisma.sql`(
  SELECT coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE xid(x) NOT IN (
    SELECT backend_xid FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL
      AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database())))`;

/**
 * Events after `after` in stream order, up to `limit`, of one organisation or
 * of all (a process's event hub reads once for every subscriber it holds).
 */
export async function readEventsAfter(
  db: Db,
  { after, organizationId, limit }: { after: EventPosition; organizationId?: string; limit: number },
): Promise<StoredEvent[]> {
  // Columns are named through the table alias: ORDER BY "id" alone would sort the text column of the output.
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT e.id::text AS id, e.txid::text AS txid, e."organizationId", e.kind, e."recordId", e.data, e."createdAt"
    FROM domain_event AS e
    WHERE (e.txid, e.id) > (${after.txid.toString()}::xid8, ${after.id}::bigint)
      ${organizationId === undefined ? Prisma.empty : Prisma.sql`AND e."organizationId" = ${organizationId}`}
      AND e.txid < ${READABLE_BELOW}
    ORDER BY e.txid, e.id
    LIMIT ${limit}`;
  return rows.map(toStoredEvent);
}

/** The last readable event's position: a reader that wants only what happens from now on starts here. */
export async function latestPosition(db: Db): Promise<EventPosition> {
  const [row] = await db.$queryRaw<Array<{ txid: string; id: string }>>`
    SELECT e.txid::text AS txid, e.id::text AS id FROM domain_event AS e
    WHERE e.txid < ${READABLE_BELOW}
    ORDER BY e.txid DESC, e.id DESC LIMIT 1`;
  return row ? { txid: BigInt(row.txid), id: BigInt(row.id) } : STREAM_START;
}

/** The oldest event still kept; a reader behind it has missed pruned events and must resync. */
export async function oldestPosition(db: Db): Promise<EventPosition | null> {
  const [row] = await db.$queryRaw<Array<{ txid: string; id: string }>>`
    SELECT e.txid::text AS txid, e.id::text AS id FROM domain_event AS e ORDER BY e.txid, e.id LIMIT 1`;
  return row ? { txid: BigInt(row.txid), id: BigInt(row.id) } : null;
}

function toStoredEvent(row: EventRow): StoredEvent {
  const position = { txid: BigInt(row.txid), id: BigInt(row.id) };
  return {
    id: cursorOf(position),
    position,
    organizationId: row.organizationId,
    kind: row.kind,
    recordId: row.recordId,
    data: row.data,
    createdAt: row.createdAt,
  } as StoredEvent;
}
