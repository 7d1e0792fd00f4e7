import pg from "pg";

/** The demo organisation `pnpm db:seed` writes. */
const DEMO_ORGANIZATION_ID = "org_demo";

export type ExpectedFigures = {
  open: { count: number; balanceMinor: number };
  overdue: { count: number; balanceMinor: number };
  lowStock: { count: number; threshold: number };
  topCustomer: { id: string; name: string; orders: number };
  newestOrderId: string;
};

/**
 * The dashboard's figures for the seeded demo organisation, computed here
 * from the rows with SQL of this test's own, not through the API: the
 * acceptance check that the page shows what the database holds.
 */
export async function expectedDemoFigures(databaseUrl: string, threshold: number): Promise<ExpectedFigures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const owed = async (overdueOnly: boolean) => {
      const { rows } = await client.query<{ count: number; balance: number }>(
        `SELECT count(*)::int AS count, coalesce(sum("totalMinor" - "paidMinor"), 0)::int AS balance
         FROM invoice WHERE "organizationId" = $1 AND status = 'issued' AND ($2 OR "overdueAt" IS NOT NULL)`,
        [DEMO_ORGANIZATION_ID, !overdueOnly],
      );
      return { count: rows[0]?.count ?? 0, balanceMinor: rows[0]?.balance ?? 0 };
    };
    const lowStock = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM product
       WHERE "organizationId" = $1 AND "archivedAt" IS NULL AND stock <= $2`,
      [DEMO_ORGANIZATION_ID, threshold],
    );
    // Six calendar months, the current one included, in UTC: the dashboard's window.
    const top = await client.query<{ id: string; name: string; orders: number }>(
      `SELECT c.id, c.name, count(*)::int AS orders FROM "order" o JOIN customer c ON c.id = o."customerId"
       WHERE o."organizationId" = $1 AND o.status IN ('placed', 'paid', 'fulfilled')
         AND o."placedAt" >= date_trunc('month', now() AT TIME ZONE 'UTC') - interval '5 months'
       GROUP BY c.id, c.name ORDER BY sum(o."totalMinor") DESC, c.id LIMIT 1`,
      [DEMO_ORGANIZATION_ID],
    );
    const newest = await client.query<{ id: string }>(
      `SELECT id FROM "order" WHERE "organizationId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
      [DEMO_ORGANIZATION_ID],
    );
    const topCustomer = top.rows[0];
    const newestOrder = newest.rows[0];
    if (!topCustomer || !newestOrder) throw new Error("the seeded demo organisation has no orders");
    return {
      open: await owed(false),
      overdue: await owed(true),
      lowStock: { count: lowStock.rows[0]?.count ?? 0, threshold },
      topCustomer,
      newestOrderId: newestOrder.id,
    };
  } finally {
    await client.end();
  }
}
