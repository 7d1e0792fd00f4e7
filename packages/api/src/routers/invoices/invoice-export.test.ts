import { openQueue, type Queue, startWorkers } from "@tally/jobs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { defaultRulesConfig } from "../../config.ts";
import { jobHandlers } from "../../jobs.ts";
import { logger } from "../../logger.ts";
import { billingOrganisation, type Caller, createTestApi, type TestApi } from "../../testing/index.ts";

// Three invoices still download directly; a fourth makes the export a report.
const MAX_DIRECT = 3;

let api: TestApi;
let worker: Queue;
beforeAll(async () => {
  api = await createTestApi({ config: { ...defaultRulesConfig, invoiceExportMaxRows: MAX_DIRECT } });
  worker = await openQueue({ url: api.url });
  await startWorkers(worker, jobHandlers({ db: api.db, log: logger, reportPacing: { batchSize: 2 } }), {
    pollingIntervalSeconds: 0.5,
  });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await api?.close();
});

async function settled(caller: Caller, id: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const report = await caller.reports.get({ id });
    if (!["queued", "running"].includes(report.status)) return report;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${report.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("up to the limit an export downloads directly and no report is made; beyond it, it becomes a report", async () => {
  const acme = await billingOrganisation(api, "Direct or not");
  for (let n = 0; n < MAX_DIRECT; n++) await acme.issuedInvoice();

  await expect(acme.caller.invoices.count({})).resolves.toEqual({ invoices: 3, directExport: true });
  await expect(acme.caller.invoices.export({})).resolves.toEqual({ delivery: "download", invoices: 3 });
  expect(await api.db.reportRun.count({ where: { organizationId: acme.id } })).toBe(0);

  await acme.issuedInvoice();
  await expect(acme.caller.invoices.count({})).resolves.toEqual({ invoices: 4, directExport: false });
  const exported = await acme.caller.invoices.export({});
  expect(exported).toMatchObject({
    delivery: "report",
    invoices: 4,
    report: { kind: "invoices", status: "queued", invoiceStatus: null, customerId: null },
  });
  expect(
    await api.db.auditEvent.count({ where: { organizationId: acme.id, action: "report.requested" } }),
  ).toBe(1);
  // The filters narrow what counts: three issued invoices of one customer still download directly.
  const voided = await acme.issuedInvoice();
  await acme.caller.invoices.void({ invoiceId: voided.id });
  await expect(acme.caller.invoices.export({ status: "void" })).resolves.toEqual({
    delivery: "download",
    invoices: 1,
  });
});

test("the report's file holds the organisation's invoices, filtered, newest first, and nobody else's", async () => {
  const alice = await billingOrganisation(api, "Alice exports");
  const bob = await billingOrganisation(api, "Bob exports");
  const regular = await alice.caller.customers.create({ name: 'Regular, "the" buyer' });
  const issued: string[] = [];
  for (let n = 0; n < 5; n++)
    issued.push((await alice.issuedInvoice({ customerId: regular.id, quantity: n + 1 })).id);
  await alice.issuedInvoice(); // another customer's: filtered out
  const bobs = await bob.issuedInvoice();

  const exported = await alice.caller.invoices.export({ customerId: regular.id, status: "issued" });
  if (exported.delivery !== "report") throw new Error("expected a report");
  expect(exported.report).toMatchObject({ invoiceStatus: "issued", customerId: regular.id });
  const done = await settled(alice.caller, exported.report.id);
  expect(done).toMatchObject({ status: "done", rowsDone: 5, rowsTotal: 5 });

  const file = await alice.caller.reports.download({ id: exported.report.id });
  expect(file.name).toMatch(/^invoices-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = file.csv.split("\r\n").filter(Boolean);
  expect(lines[0]).toBe(
    "number,status,customer,currency,total,paid,issued_at,due_at,paid_at,voided_at,order_id,invoice_id",
  );
  expect(lines.slice(1).map((line) => line.split(",").at(-1))).toEqual(issued.toReversed());
  expect(lines[1]).toContain('"Regular, ""the"" buyer",USD,50.00,0.00,');
  expect(file.csv).not.toContain(bobs.id);

  // Another organisation sees neither the report nor its file, and its own filter on Alice's customer finds nothing.
  await expect(bob.caller.reports.get({ id: exported.report.id })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  await expect(bob.caller.reports.download({ id: exported.report.id })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  await expect(bob.caller.invoices.count({ customerId: regular.id })).resolves.toEqual({
    invoices: 0,
    directExport: true,
  });
});

test("bad filters are refused naming the field, and nothing is asked for", async () => {
  const acme = await billingOrganisation(api, "Bad filters");
  await expect(acme.caller.invoices.export({ status: "overdue" as "issued" })).rejects.toMatchObject({
    code: "BAD_REQUEST",
    message: expect.stringContaining("status"),
  });
  await expect(
    acme.caller.reports.create({ kind: "invoices", from: new Date("not a day") }),
  ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("from") });
  expect(await api.db.reportRun.count({ where: { organizationId: acme.id } })).toBe(0);
});
