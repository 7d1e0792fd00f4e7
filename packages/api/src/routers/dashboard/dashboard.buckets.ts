import { Prisma } from "@tally/db";
import type { OrgContext } from "../../trpc.ts";
import type { BucketSeries } from "./dashboard.schemas.ts";

export type BucketUnit = "week" | "month";

/** How far back each series reaches: a quarter of weeks, half a year of months (the current one included). */
export const BUCKETS: Record<BucketUnit, number> = { week: 13, month: 6 };

/** The first instant of the oldest bucket a series shows, `now` in UTC. */
export function seriesStart(unit: BucketUnit, now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (unit === "month")
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (BUCKETS.month - 1), 1));
  const mondayOffset = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - (mondayOffset + 7 * (BUCKETS.week - 1)) * 86_400_000);
}

/**
 * Sums `amount` of the rows `source` selects (columns `at`, `currency`,
 * `amount`) into UTC weeks or months with date_trunc, in the database; the
 * buckets come from generate_series, so a quiet week is a zero, not a gap.
 * Raw SQL because Prisma's groupBy cannot group by a truncated date
 * (decision 011).
 */
export async function bucketTotals(
  ctx: OrgContext,
  unit: BucketUnit,
  now: Date,
  source: Prisma.Sql,
): Promise<BucketSeries> {
  const from = seriesStart(unit, now);
  const step = `1 ${unit}`;
  const [starts, totals] = await Promise.all([
    ctx.db.$queryRaw<Array<{ start: Date }>>`
      SELECT generate_series(${from}::timestamptz AT TIME ZONE 'UTC',
                             date_trunc(${unit}, ${now}::timestamptz AT TIME ZONE 'UTC'),
                             ${step}::interval) AS start`,
    ctx.db.$queryRaw<Array<{ start: Date; currency: string; total: bigint; count: number }>>`
      WITH source AS (${source})
      SELECT date_trunc(${unit}, at) AS start, currency, sum(amount)::bigint AS total, count(*)::int AS count
      FROM source
      WHERE at >= ${from}::timestamptz AT TIME ZONE 'UTC' AND at <= ${now}::timestamptz AT TIME ZONE 'UTC'
      GROUP BY 1, 2`,
  ]);
  const currencies = [...new Set(totals.map((row) => row.currency))].sort();
  const found = new Map(totals.map((row) => [`${row.currency} ${row.start.getTime()}`, row]));
  return currencies.map((currency) => ({
    currency,
    buckets: starts.map(({ start }) => {
      const row = found.get(`${currency} ${start.getTime()}`);
      return { start, totalMinor: row ? Number(row.total) : 0, count: row?.count ?? 0 };
    }),
  }));
}

/** Orders placed and not cancelled: what the sales reports count. */
export function salesSource(organizationId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "placedAt" AS at, currency, "totalMinor" AS amount FROM "order"
    WHERE "organizationId" = ${organizationId} AND status IN ('placed', 'paid', 'fulfilled')`;
}

/** Succeeded payments, by when the money arrived. */
export function receivedSource(organizationId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "receivedAt" AS at, currency, "amountMinor" AS amount FROM payment
    WHERE "organizationId" = ${organizationId} AND status = 'succeeded'`;
}
