import { type Prisma, type PrismaClient, recordAuditEvent } from "@tally/db";
import { reportRowsCsv } from "./report-csv.ts";

/** Orders read per step: one short transaction-free query each, so no lock or snapshot is held for the run. */
const BATCH = 2_000;

/**
 * How a run paces itself: orders per batch, and a pause between batches that
 * leaves the database to interactive requests (0 by default; tests slow a run
 * down to watch it).
 */
export type ReportPacing = { batchSize?: number; pauseMs?: number };
/** How long a finished report can be downloaded. */
export const REPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type GroupBy = "product" | "customer" | "day";
export type SalesRow = {
  key: string;
  label: string;
  currency: string;
  orders: number;
  units: number;
  revenueMinor: number;
};

export type RunOutcome = "done" | "cancelled" | "superseded" | "missing";

/**
 * Computes a sales report run: orders placed in [from, to) that were not
 * cancelled, grouped by product, customer or day (UTC), per currency.
 *
 * Orders are read in keyset batches by id and aggregated in the database a
 * batch at a time; only the groups stay in memory, never the orders. Each
 * batch records progress and checks that this attempt still holds the run:
 * a cancel, or a retry that took the run over after this worker was presumed
 * dead, stops it at the next batch. The file and the `done` state are written
 * in one transaction guarded by the attempt, so a report is written once.
 */
export async function runSalesReport(
  db: PrismaClient,
  { organizationId, reportId }: { organizationId: string; reportId: string },
  signal?: AbortSignal,
  { batchSize = BATCH, pauseMs = 0 }: ReportPacing = {},
): Promise<RunOutcome> {
  const claimed = await claimRun(db, organizationId, reportId);
  if (!claimed) return "missing";
  const { attempt, groupBy, from, to } = claimed;

  const groups = new Map<string, SalesRow>();
  let cursor = "";
  let done = 0;
  for (;;) {
    if (signal?.aborted) return "superseded";
    const ids = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "order"
      WHERE "organizationId" = ${organizationId} AND status IN ('placed', 'paid', 'fulfilled')
        AND "placedAt" >= ${from} AND "placedAt" < ${to} AND id > ${cursor}
      ORDER BY id LIMIT ${batchSize}`;
    if (ids.length === 0) break;
    for (const row of await aggregate(
      db,
      organizationId,
      groupBy,
      ids.map(({ id }) => id),
    ))
      merge(groups, row);
    cursor = ids.at(-1)?.id ?? cursor;
    done += ids.length;
    const stillHeld = await db.reportRun.updateMany({
      where: { id: reportId, organizationId, attempt, status: "running" },
      data: { rowsDone: done },
    });
    if (stillHeld.count === 0) return (await isCancelled(db, reportId)) ? "cancelled" : "superseded";
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }

  const rows = [...groups.values()].sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) || b.revenueMinor - a.revenueMinor || a.key.localeCompare(b.key),
  );
  const csv = Buffer.from(reportRowsCsv(groupBy, rows), "utf8");
  return db.$transaction(async (tx) => {
    const finished = await tx.reportRun.updateMany({
      where: { id: reportId, organizationId, attempt, status: "running" },
      data: {
        status: "done",
        rowsDone: done,
        rowsTotal: done,
        finishedAt: new Date(),
        expiresAt: new Date(Date.now() + REPORT_TTL_MS),
      },
    });
    if (finished.count === 0) return (await isCancelled(tx, reportId)) ? "cancelled" : "superseded";
    await tx.reportFile.create({ data: { reportId, organizationId, csv, rows: rows.length } });
    await recordAuditEvent(tx, {
      organizationId,
      action: "report.completed",
      targetType: "report",
      targetId: reportId,
      details: { groupBy, orders: done, rows: rows.length },
    });
    return "done";
  });
}

/** Marks the run failed, in words for the member who asked (the job's own error stays in the queue). */
export async function failSalesReport(
  db: PrismaClient,
  { organizationId, reportId }: { organizationId: string; reportId: string },
  reason: string,
): Promise<void> {
  await db.reportRun.updateMany({
    where: { id: reportId, organizationId, status: { in: ["queued", "running"] } },
    data: { status: "failed", failureReason: reason, finishedAt: new Date() },
  });
}

/**
 * Takes the run for this attempt: queued or running (a retry after a crash)
 * becomes running under a new attempt number, with progress reset. A run that
 * is cancelled, done or failed is left alone.
 */
async function claimRun(db: PrismaClient, organizationId: string, reportId: string) {
  const [run] = await db.$queryRaw<{ attempt: number; groupBy: GroupBy; from: Date; to: Date }[]>`
    UPDATE report_run SET status = 'running', attempt = attempt + 1, "rowsDone" = 0,
      "startedAt" = now(), "rowsTotal" = (
        SELECT count(*)::int FROM "order"
        WHERE "organizationId" = ${organizationId} AND status IN ('placed', 'paid', 'fulfilled')
          AND "placedAt" >= report_run."from" AND "placedAt" < report_run."to")
    WHERE id = ${reportId} AND "organizationId" = ${organizationId} AND status IN ('queued', 'running')
    RETURNING attempt, "groupBy", "from", "to"`;
  return run;
}

async function isCancelled(db: Prisma.TransactionClient, reportId: string) {
  const run = await db.reportRun.findUnique({ where: { id: reportId }, select: { status: true } });
  return run?.status === "cancelled";
}

function aggregate(db: PrismaClient, organizationId: string, groupBy: GroupBy, ids: string[]) {
  type Row = { key: string; label: string; currency: string; orders: number; units: number; revenue: bigint };
  if (groupBy === "product")
    return db.$queryRaw<Row[]>`
      SELECT l."productId" AS key, max(l."productName" || ' (' || l.sku || ')') AS label, o.currency,
        count(DISTINCT o.id)::int AS orders, sum(l.quantity)::int AS units, sum(l."lineTotalMinor") AS revenue
      FROM "order" o JOIN order_line l ON l."orderId" = o.id
      WHERE o."organizationId" = ${organizationId} AND o.id = ANY(${ids}) GROUP BY l."productId", o.currency`;
  if (groupBy === "customer")
    return db.$queryRaw<Row[]>`
      SELECT o."customerId" AS key, max(c.name) AS label, o.currency, count(*)::int AS orders,
        coalesce(sum((SELECT sum(quantity) FROM order_line WHERE "orderId" = o.id)), 0)::int AS units,
        sum(o."subtotalMinor") AS revenue
      FROM "order" o JOIN customer c ON c.id = o."customerId"
      WHERE o."organizationId" = ${organizationId} AND o.id = ANY(${ids}) GROUP BY o."customerId", o.currency`;
  return db.$queryRaw<Row[]>`
    SELECT to_char(date_trunc('day', o."placedAt"), 'YYYY-MM-DD') AS key,
      to_char(date_trunc('day', o."placedAt"), 'YYYY-MM-DD') AS label, o.currency, count(*)::int AS orders,
      coalesce(sum((SELECT sum(quantity) FROM order_line WHERE "orderId" = o.id)), 0)::int AS units,
      sum(o."subtotalMinor") AS revenue
    FROM "order" o
    WHERE o."organizationId" = ${organizationId} AND o.id = ANY(${ids}) GROUP BY 1, 2, o.currency`;
}

function merge(
  groups: Map<string, SalesRow>,
  row: { key: string; label: string; currency: string; orders: number; units: number; revenue: bigint },
) {
  const id = `${row.currency}\u0000${row.key}`;
  const existing = groups.get(id);
  if (existing) {
    existing.orders += row.orders;
    existing.units += row.units;
    existing.revenueMinor += Number(row.revenue);
    if (row.label > existing.label) existing.label = row.label;
  } else {
    groups.set(id, {
      key: row.key,
      label: row.label,
      currency: row.currency,
      orders: row.orders,
      units: row.units,
      revenueMinor: Number(row.revenue),
    });
  }
}
