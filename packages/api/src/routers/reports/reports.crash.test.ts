import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openQueue, type Queue, startWorkers } from "@tally/jobs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { jobHandlers } from "../../jobs.ts";
import { logger } from "../../logger.ts";
import { createTestApi, type TestApi } from "../../testing/index.ts";

let api: TestApi;
let rescuer: Queue | undefined;
let child: ChildProcess | undefined;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await rescuer?.stop({ graceful: false });
  await api?.close();
});

const workerScript = fileURLToPath(new URL("../../testing/report-worker-process.ts", import.meta.url));

test("a worker killed with SIGKILL mid-report: another worker takes the job over and the report is written once", async () => {
  const org = await api.organisation("Crash reports");
  const customer = await org.caller.customers.create({ name: "Buyer" });
  await api.db.$executeRaw`
    INSERT INTO "order" (id, "organizationId", "customerId", status, currency, "subtotalMinor", "totalMinor", "placedAt", "updatedAt")
    SELECT ${org.id} || '-o' || n, ${org.id}, ${customer.id}, 'placed', 'EUR', 100, 100,
      '2026-01-01'::timestamp + (n % 28) * interval '1 day', now()
    FROM generate_series(1, 1500) AS n`;

  child = spawn(process.execPath, ["--import", "tsx", workerScript, api.url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    child?.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("working") && resolve());
    child?.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
  const report = await org.caller.reports.create({
    kind: "sales",
    from: new Date("2026-01-01T00:00:00Z"),
    to: new Date("2026-02-01T00:00:00Z"),
    groupBy: "day",
  });
  for (;;) {
    const run = await org.caller.reports.get({ id: report.id });
    if (run.status === "running" && run.rowsDone >= 100) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  await new Promise((resolve) => child?.once("exit", resolve));
  const leftAt = (await org.caller.reports.get({ id: report.id })).rowsDone;
  expect(leftAt).toBeLessThan(1500);

  // The job's heartbeat stops; once it is missed, the queue hands the job to this worker.
  rescuer = await openQueue({ url: api.url });
  await startWorkers(rescuer, jobHandlers({ db: api.db, log: logger }), { pollingIntervalSeconds: 0.5 });
  const deadline = Date.now() + 90_000;
  let done = await org.caller.reports.get({ id: report.id });
  while (done.status !== "done" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    done = await org.caller.reports.get({ id: report.id });
  }
  expect(done).toMatchObject({ status: "done", rowsDone: 1500, rowsTotal: 1500 });
  expect(await api.db.reportFile.count({ where: { reportId: report.id } })).toBe(1);
  expect(await api.db.auditEvent.count({ where: { targetId: report.id, action: "report.completed" } })).toBe(
    1,
  );
  const file = await org.caller.reports.download({ id: report.id });
  const orders = file.csv
    .trim()
    .split("\r\n")
    .slice(1)
    .reduce((sum, line) => sum + Number(line.split(",")[3]), 0);
  expect(orders).toBe(1500);
}, 120_000);
