import { openQueue, type Queue, startWorkers } from "@tally/jobs";
import { flattenIssues } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { jobHandlers } from "../../jobs.ts";
import { logger } from "../../logger.ts";
import { createTestApi, type TestApi, type TestOrganisation } from "../../testing/index.ts";

let api: TestApi;
let worker: Queue;

beforeAll(async () => {
  api = await createTestApi();
  // A worker in this process, as apps/server runs one; pacing makes a run last long enough to watch.
  worker = await openQueue({ url: api.url });
  await startWorkers(
    worker,
    jobHandlers({ db: api.db, log: logger, reportPacing: { batchSize: 50, pauseMs: 20 } }),
    {
      pollingIntervalSeconds: 0.5,
    },
  );
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await api?.close();
});

const JAN = new Date("2026-01-01T00:00:00Z");
const FEB = new Date("2026-02-01T00:00:00Z");

/** Orders placed in January straight into the tables: volume for the report, not a story about ordering. */
async function placedOrders(org: TestOrganisation, count: number, productName = "Widget") {
  const customer = await org.caller.customers.create({ name: `${productName} buyer` });
  const product = await org.caller.catalog.products.create({
    sku: `SKU-${productName}`.toUpperCase(),
    name: productName,
    priceMinor: 250,
    currency: "EUR",
    stock: 0,
  });
  await api.db.$executeRaw`
    INSERT INTO "order" (id, "organizationId", "customerId", status, currency, "subtotalMinor", "totalMinor", "placedAt", "updatedAt")
    SELECT ${org.id} || '-o' || n, ${org.id}, ${customer.id}, 'placed', 'EUR', 250 * (n % 3 + 1), 250 * (n % 3 + 1),
      ${JAN}::timestamp + (n % 28) * interval '1 day', now()
    FROM generate_series(1, ${count}) AS n`;
  await api.db.$executeRaw`
    INSERT INTO order_line (id, "organizationId", "orderId", "productId", sku, "productName", "unitPriceMinor", quantity, "lineTotalMinor")
    SELECT ${org.id} || '-l' || n, ${org.id}, ${org.id} || '-o' || n, ${product.id}, ${product.sku}, ${product.name}, 250, n % 3 + 1, 250 * (n % 3 + 1)
    FROM generate_series(1, ${count}) AS n`;
  return { customer, product };
}

async function settled(org: TestOrganisation, id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await org.caller.reports.get({ id });
    if (!["queued", "running"].includes(report.status)) return report;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${report.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a sales report", () => {
  test("is computed off the request path, with progress, into a CSV whose rows are the orders'", async () => {
    const org = await api.organisation("Reporting");
    const { product } = await placedOrders(org, 600);
    const created = await org.caller.reports.create({
      kind: "sales",
      from: JAN,
      to: FEB,
      groupBy: "product",
    });
    expect(created).toMatchObject({ status: "queued", rowsDone: 0, groupBy: "product" });

    const seenProgress = new Set<number>();
    const deadline = Date.now() + 30_000;
    let report = created;
    while (["queued", "running"].includes(report.status) && Date.now() < deadline) {
      report = await org.caller.reports.get({ id: created.id });
      if (report.status === "running") seenProgress.add(report.rowsDone);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(report).toMatchObject({ status: "done", rowsDone: 600, rowsTotal: 600, failureReason: null });
    // It moved: more than one intermediate count was visible while it ran.
    expect(seenProgress.size).toBeGreaterThan(1);

    const file = await org.caller.reports.download({ id: created.id });
    const lines = file.csv.trim().split("\r\n");
    const units = Array.from({ length: 600 }, (_, i) => ((i + 1) % 3) + 1).reduce((a, b) => a + b, 0);
    expect(lines).toEqual([
      "product_id,product,currency,orders,units,revenue_minor",
      `${product.id},Widget (SKU-WIDGET),EUR,600,${units},${units * 250}`,
    ]);
    expect(file.name).toBe("sales-by-product-2026-01-01-2026-02-01.csv");
    const audit = await api.db.auditEvent.findMany({
      where: { targetId: created.id },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(["report.requested", "report.completed"]);
  });

  test("can be cancelled while it runs: it stops, and nothing is written", async () => {
    const org = await api.organisation("Cancelling");
    await placedOrders(org, 3_000);
    const created = await org.caller.reports.create({ kind: "sales", from: JAN, to: FEB, groupBy: "day" });
    for (;;) {
      const report = await org.caller.reports.get({ id: created.id });
      if (report.status === "running" && report.rowsDone > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expect(org.caller.reports.cancel({ id: created.id })).resolves.toMatchObject({
      status: "cancelled",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await org.caller.reports.get({ id: created.id });
    expect(after.status).toBe("cancelled");
    expect(after.rowsDone).toBeLessThan(3_000);
    expect(await api.db.reportFile.count({ where: { reportId: created.id } })).toBe(0);
    await expect(org.caller.reports.cancel({ id: created.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  test("one organisation's large report does not hold up another's small one", async () => {
    const big = await api.organisation("Big tenant");
    const small = await api.organisation("Small tenant");
    await placedOrders(big, 4_000);
    await placedOrders(small, 50);
    const large = await big.caller.reports.create({ kind: "sales", from: JAN, to: FEB, groupBy: "customer" });
    const quick = await small.caller.reports.create({
      kind: "sales",
      from: JAN,
      to: FEB,
      groupBy: "customer",
    });
    await expect(settled(small, quick.id)).resolves.toMatchObject({ status: "done", rowsDone: 50 });
    expect((await big.caller.reports.get({ id: large.id })).status).toMatch(/queued|running/);
    await big.caller.reports.cancel({ id: large.id });
  });

  test("belongs to its organisation: another one's members cannot see, cancel or download it", async () => {
    const { alice, bob } = await api.twoOrganisations();
    const report = await alice.caller.reports.create({ kind: "sales", from: JAN, to: FEB, groupBy: "day" });
    await settled(alice, report.id);
    await expect(bob.caller.reports.get({ id: report.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining(report.id),
    });
    await expect(bob.caller.reports.cancel({ id: report.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.reports.download({ id: report.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await bob.caller.reports.list({})).items).toEqual([]);
    expect((await alice.caller.reports.list({})).items.map((item) => item.id)).toEqual([report.id]);
  });

  test("refuses a range that ends before it starts, naming the field, and queues nothing", async () => {
    const org = await api.organisation("Backwards");
    const error = await org.caller.reports
      .create({ kind: "sales", from: FEB, to: JAN, groupBy: "day" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const cause = error instanceof TRPCError ? error.cause : undefined;
    expect(cause instanceof ZodError ? flattenIssues(cause).fieldErrors : null).toEqual({
      to: ["Must be after the start"],
    });
    expect(await api.db.reportRun.count({ where: { organizationId: org.id } })).toBe(0);
  });
});
