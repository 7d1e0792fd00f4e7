import { writeDemoBusiness } from "@tally/db/seed";
import { LOW_STOCK_THRESHOLD } from "@tally/validators";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { billingOrganisation, createTestApi } from "../../testing/index.ts";
import { receivePayment } from "../invoices/invoices.fixtures.ts";
import { markOverdueInvoices } from "../invoices/mark-overdue.ts";
import { seriesStart } from "./dashboard.buckets.ts";

type TestApi = Awaited<ReturnType<typeof createTestApi>>;
type Organisation = Awaited<ReturnType<TestApi["organisation"]>>;

const SKUS = ["PAP-A4", "PEN-BLK", "TNR-26A", "STP-STD", "ENV-C4", "DSK-ORG"];

let api: TestApi;
let acme: Organisation;
let member: Awaited<ReturnType<Organisation["join"]>>;

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.organisation("Acme");
  member = await acme.join("member");
  for (const [index, sku] of SKUS.entries()) {
    await acme.caller.catalog.products.create({
      sku,
      name: `Product ${sku}`,
      priceMinor: 250 * (index + 1) ** 2,
      currency: "USD",
      stock: 500,
    });
  }
  await writeDemoBusiness(api.db, {
    organizationId: acme.id,
    skus: SKUS,
    stockLevels: { "TNR-26A": 3, "DSK-ORG": LOW_STOCK_THRESHOLD, "ENV-C4": LOW_STOCK_THRESHOLD + 1 },
    actorEmail: acme.owner.email,
    now: new Date(),
  });
}, 120_000);
afterAll(() => api?.close());

/** What is still owed on issued invoices, per currency, counted here with SQL of its own. */
async function owed(organizationId: string, overdueOnly: boolean) {
  const rows = await api.db.$queryRaw<Array<{ currency: string; count: number; balance: number }>>`
    SELECT currency, count(*)::int AS count, sum("totalMinor" - "paidMinor")::int AS balance FROM invoice
    WHERE "organizationId" = ${organizationId} AND status = 'issued'
      AND (${!overdueOnly} OR "overdueAt" IS NOT NULL)
    GROUP BY currency ORDER BY currency`;
  return rows.map((row) => ({ currency: row.currency, count: row.count, balanceMinor: row.balance }));
}

describe("the dashboard of a trading organisation", () => {
  test("open and overdue invoices are what is still owed on issued invoices", async () => {
    const overview = await member.caller.dashboard.overview();
    expect(overview.openInvoices).toEqual(await owed(acme.id, false));
    expect(overview.overdueInvoices).toEqual(await owed(acme.id, true));
    expect(overview.overdueInvoices[0]?.count).toBeGreaterThan(0);
    expect(overview.overdueInvoices[0]?.balanceMinor).toBeLessThan(
      overview.openInvoices[0]?.balanceMinor ?? 0,
    );
  });

  test("sales by month and by week add up the orders placed and not cancelled, zeros included", async () => {
    const now = new Date();
    const { sales } = await member.caller.dashboard.overview();
    const orders = await api.db.order.findMany({
      where: { organizationId: acme.id, status: { in: ["placed", "paid", "fulfilled"] } },
      select: { placedAt: true, totalMinor: true },
    });
    const monthOf = (date: Date) => date.toISOString().slice(0, 7);
    const expectedMonths = new Map<string, number>();
    for (const order of orders) {
      if (!order.placedAt || order.placedAt < seriesStart("month", now)) continue;
      const month = monthOf(order.placedAt);
      expectedMonths.set(month, (expectedMonths.get(month) ?? 0) + order.totalMinor);
    }
    const [months] = sales.months;
    expect(sales.months.map((series) => series.currency)).toEqual(["USD"]);
    expect(months?.buckets).toHaveLength(6);
    expect(months?.buckets.at(-1)?.start.toISOString().slice(0, 7)).toBe(monthOf(now));
    expect(
      Object.fromEntries(months?.buckets.map((bucket) => [monthOf(bucket.start), bucket.totalMinor]) ?? []),
    ).toEqual(
      Object.fromEntries(
        months?.buckets.map((bucket) => [
          monthOf(bucket.start),
          expectedMonths.get(monthOf(bucket.start)) ?? 0,
        ]) ?? [],
      ),
    );

    const [weeks] = sales.weeks;
    expect(weeks?.buckets).toHaveLength(13);
    for (const bucket of weeks?.buckets ?? []) expect(bucket.start.getUTCDay()).toBe(1); // Mondays
    const sinceWeeks = orders.filter((order) => order.placedAt && order.placedAt >= seriesStart("week", now));
    expect(weeks?.buckets.reduce((sum, bucket) => sum + bucket.totalMinor, 0)).toBe(
      sinceWeeks.reduce((sum, order) => sum + order.totalMinor, 0),
    );
    expect(weeks?.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(sinceWeeks.length);
  });

  test("low stock lists the products at or below the threshold, fewest first, and the list filter agrees", async () => {
    const { lowStock } = await member.caller.dashboard.overview();
    expect(lowStock).toEqual({
      threshold: LOW_STOCK_THRESHOLD,
      count: 2,
      products: [
        expect.objectContaining({ sku: "TNR-26A", stock: 3 }),
        expect.objectContaining({ sku: "DSK-ORG", stock: LOW_STOCK_THRESHOLD }),
      ],
    });
    const listed = await member.caller.catalog.products.list({ lowStock: true });
    expect(listed.items.map((product) => product.sku).sort()).toEqual(["DSK-ORG", "TNR-26A"]);
  });

  test("recent orders are the newest eight; top customers are the biggest buyers of the last six months", async () => {
    const now = new Date();
    const { recentOrders, topCustomers } = await member.caller.dashboard.overview();
    const newest = await api.db.order.findMany({
      where: { organizationId: acme.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 8,
      select: { id: true },
    });
    expect(recentOrders.map((order) => order.id)).toEqual(newest.map((order) => order.id));

    const orders = await api.db.order.findMany({
      where: {
        organizationId: acme.id,
        status: { in: ["placed", "paid", "fulfilled"] },
        placedAt: { gte: seriesStart("month", now) },
      },
      select: { customerId: true, totalMinor: true },
    });
    const totals = new Map<string, number>();
    for (const order of orders)
      totals.set(order.customerId, (totals.get(order.customerId) ?? 0) + order.totalMinor);
    const expected = [...totals.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5);
    expect(topCustomers.map((customer) => [customer.id, customer.totalMinor])).toEqual(expected);
    expect(topCustomers.every((customer) => customer.name.length > 0)).toBe(true);
  });

  test("the overdue list filter returns exactly the invoices the overdue figure counts", async () => {
    const { overdueInvoices } = await member.caller.dashboard.overview();
    const listed = await member.caller.invoices.list({ overdue: true, limit: 100 });
    expect(listed.items.length).toBe(overdueInvoices[0]?.count);
    expect(listed.items.every((invoice) => invoice.status === "issued" && invoice.overdueAt !== null)).toBe(
      true,
    );
  });

  test("money received is for admins and owners; a member is refused", async () => {
    await expect(member.caller.dashboard.cash()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { received } = await acme.caller.dashboard.cash();
    const since = seriesStart("month", new Date());
    const payments = await api.db.payment.aggregate({
      where: { organizationId: acme.id, status: "succeeded", receivedAt: { gte: since } },
      _sum: { amountMinor: true },
    });
    expect(received.months[0]?.buckets.reduce((sum, bucket) => sum + bucket.totalMinor, 0)).toBe(
      payments._sum.amountMinor,
    );
  });
});

describe("another organisation", () => {
  test("sees none of Acme's figures, only its own invoice made through the procedures", async () => {
    const other = await billingOrganisation(api, "Other Co");
    const empty = await other.caller.dashboard.overview();
    expect(empty).toEqual({
      sales: { weeks: [], months: [] },
      openInvoices: [],
      overdueInvoices: [],
      lowStock: { threshold: LOW_STOCK_THRESHOLD, count: 0, products: [] },
      recentOrders: [],
      topCustomers: [],
    });
    expect(await other.caller.dashboard.cash()).toEqual({ received: { weeks: [], months: [] } });

    const invoice = await other.issuedInvoice({ quantity: 3, dueInDays: 0 });
    await receivePayment(api, invoice.id, 1000);
    await markOverdueInvoices(api.db, new Date(Date.now() + 60_000));
    const overview = await other.caller.dashboard.overview();
    expect(overview.openInvoices).toEqual([{ currency: "USD", count: 1, balanceMinor: 2000 }]);
    expect(overview.overdueInvoices).toEqual([{ currency: "USD", count: 1, balanceMinor: 2000 }]);
    expect(overview.recentOrders.map((order) => order.id)).toEqual([invoice.orderId]);
    expect(overview.topCustomers).toEqual([
      { id: other.customer.id, name: other.customer.name, currency: "USD", totalMinor: 3000, orders: 1 },
    ]);
    expect(overview.sales.months[0]?.buckets.at(-1)).toMatchObject({ totalMinor: 3000, count: 1 });
    const cash = await other.caller.dashboard.cash();
    expect(cash.received.weeks[0]?.buckets.at(-1)).toMatchObject({ totalMinor: 1000, count: 1 });
  });
});
