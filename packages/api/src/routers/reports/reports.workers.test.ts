import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi, type TestOrganisation } from "../../testing/index.ts";

let api: TestApi;
const workers: ChildProcess[] = [];
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await api?.close();
});

const workerScript = fileURLToPath(new URL("../../testing/report-worker-process.ts", import.meta.url));
const REPORTS_PER_ORGANISATION = 15;
const ORDERS_PER_ORGANISATION = 120;

/** A worker process on the test database; resolves once it polls, with the ids of the reports it ran so far. */
async function startWorkerProcess(): Promise<{ ran: string[] }> {
  // One job at a time per process: a process cannot take both organisations' slots, so both must work.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", workerScript, api.url, "--batch=40", "--pause-ms=20", "--concurrency=1"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  workers.push(child);
  const ran: string[] = [];
  let buffered = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "working") resolve();
        if (line.startsWith("ran ")) ran.push(line.slice(4));
      }
    });
    child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return { ran };
}

async function organisationWithOrders(name: string): Promise<TestOrganisation> {
  const org = await api.organisation(name);
  const customer = await org.caller.customers.create({ name: `${name} buyer` });
  await api.db.$executeRaw`
    INSERT INTO "order" (id, "organizationId", "customerId", status, currency, "subtotalMinor", "totalMinor", "placedAt", "updatedAt")
    SELECT ${org.id} || '-o' || n, ${org.id}, ${customer.id}, 'placed', 'EUR', 100, 100,
      '2026-01-01'::timestamp + (n % 28) * interval '1 day', now()
    FROM generate_series(1, ${ORDERS_PER_ORGANISATION}) AS n`;
  return org;
}

test("two worker processes share the queue: every report runs once, is written once, and both processes work", async () => {
  const organisations = [await organisationWithOrders("North"), await organisationWithOrders("South")];
  const [first, second] = await Promise.all([startWorkerProcess(), startWorkerProcess()]);

  const requested: { org: TestOrganisation; id: string }[] = [];
  for (let n = 0; n < REPORTS_PER_ORGANISATION; n++)
    for (const org of organisations) {
      const report = await org.caller.reports.create({
        kind: "sales",
        from: new Date("2026-01-01T00:00:00Z"),
        to: new Date("2026-02-01T00:00:00Z"),
        groupBy: "day",
      });
      requested.push({ org, id: report.id });
    }

  const ids = requested.map(({ id }) => id);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const open = await api.db.reportRun.count({ where: { id: { in: ids }, status: { not: "done" } } });
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const runs = await api.db.reportRun.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      organizationId: true,
      status: true,
      attempt: true,
      rowsDone: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  expect(runs).toHaveLength(ids.length);
  // One attempt: no second worker ever claimed a run another was computing.
  for (const run of runs)
    expect(run).toMatchObject({ status: "done", attempt: 1, rowsDone: ORDERS_PER_ORGANISATION });

  const files = await api.db.reportFile.groupBy({
    by: ["reportId"],
    where: { reportId: { in: ids } },
    _count: { _all: true },
  });
  expect(files).toHaveLength(ids.length);
  expect(files.every(({ _count }) => _count._all === 1)).toBe(true);
  expect(
    await api.db.auditEvent.count({ where: { targetId: { in: ids }, action: "report.completed" } }),
  ).toBe(ids.length);

  // Each job was handled by exactly one process, and both processes took some.
  const handled = [...first.ran, ...second.ran];
  expect(handled.toSorted()).toEqual(ids.toSorted());
  expect(first.ran.length).toBeGreaterThan(0);
  expect(second.ran.length).toBeGreaterThan(0);

  // The per-organisation limit holds across processes: one organisation's runs never overlap.
  for (const org of organisations) {
    const own = runs
      .filter((run) => run.organizationId === org.id)
      .toSorted((a, b) => Number(a.startedAt) - Number(b.startedAt));
    for (let n = 1; n < own.length; n++)
      expect(Number(own[n]?.startedAt)).toBeGreaterThanOrEqual(Number(own[n - 1]?.finishedAt));
  }

  // Another organisation's report is not readable through this one's procedures.
  const [north, south] = organisations;
  const southReport = requested.find(({ org }) => org === south);
  await expect(north?.caller.reports.get({ id: southReport?.id ?? "" })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
}, 120_000);
