import type { PrismaClient } from "@tally/db";
import { reportRowsCsv } from "./report-csv.ts";
import {
  finishRun,
  lostRunOutcome,
  pause,
  type ReportPacing,
  type RunOutcome,
  type RunRef,
  recordProgress,
} from "./report-run.ts";

/** Orders read per step: one short transaction-free query each, so no lock or snapshot is held for the run. */
const BATCH = 2_000;

export type GroupBy = "product" | "customer" | "day";
export type SalesRow = {
  key: string;
  label: string;
  currency: string;
  orders: number;
  units: number;
  revenueMinor: number;
};

/**
 * Computes a sales report run: orders placed in [from, to) that were not
 * cancelled, grouped by product, customer or day (UTC), per currency.
 *
 * Orders are read in keyset batches by id and aggregated in the database a
 * batch at a time; only the groups stay in memory, never the orders. Each
 * batch records progress and checks that this attempt still holds the run:
 * a cancel, or a retry that took the run over after this worker was presumed
 * dead, stops it at the next batch (report-run.ts writes the file once).
 */
export async function runSalesReport(
  db: PrismaClient,
  run: RunRef,
  { attempt, groupBy, from, to }: { attempt: number; groupBy: GroupBy; from: Date; to: Date },
  signal?: AbortSignal,
  { batchSize = BATCH, pauseMs = 0 }: ReportPacing = {},
): Promise<RunOutcome> {
  const { organizationId } = run;
  const [counted] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "order"
    WHERE "organizationId" = ${organizationId} AND status IN ('placed', 'paid', 'fulfilled')
      AND "placedAt" >= ${from} AND "placedAt" < ${to}`;
  if (!(await recordProgress(db, run, attempt, { rowsTotal: counted?.total ?? 0 })))
    return lostRunOutcome(db, run.reportId);

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
    if (!(await recordProgress(db, run, attempt, { rowsDone: done })))
      return lostRunOutcome(db, run.reportId);
    await pause(pauseMs);
  }

  const rows = [...groups.values()].sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) || b.revenueMinor - a.revenueMinor || a.key.localeCompare(b.key),
  );
  return finishRun(db, run, attempt, {
    csv: new TextEncoder().encode(reportRowsCsv(groupBy, rows)),
    rows: rows.length,
    rowsDone: done,
    details: { kind: "sales", groupBy, orders: done, rows: rows.length },
  });
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
