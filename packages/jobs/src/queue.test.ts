import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { deadLetterOf, type JobDefinition } from "./catalogue.ts";
import { enqueueAny } from "./enqueue.ts";
import { waitForGroupSlot } from "./group-slot.ts";
import { openQueue, type Queue } from "./queue.ts";

// The queue on the test database, with kinds of work of its own, so that
// retries take a second rather than Tally's real back-off.
const catalogue: Record<string, JobDefinition> = {
  "test.record": { options: { retryLimit: 0 }, deadLetter: false },
  "test.flaky": { options: { retryLimit: 2, retryDelay: 1, retryBackoff: true }, deadLetter: true },
  "test.grouped": { options: { retryLimit: 0 }, deadLetter: false, perOrganisation: 1 },
};

let database: TestDatabase;
let queue: Queue;
beforeAll(async () => {
  database = await createTestDatabase();
  queue = await openQueue({ url: database.url, catalogue });
  await database.prisma.$executeRawUnsafe("CREATE TABLE effect (id text PRIMARY KEY, job text)");
});
afterAll(async () => {
  await queue?.stop({ graceful: false });
  await database?.close();
});

const waitFor = async <T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

test("a job enqueued in a transaction that commits runs; one whose transaction rolls back never exists", async () => {
  const ran: string[] = [];
  await queue.boss.work<{ key: string }>(
    "test.record",
    { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
    async ([job]) => {
      if (job) ran.push(job.data.key);
    },
  );
  const committedId = await database.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO effect (id) VALUES ('committed')`;
    return enqueueAny(queue, tx, "test.record", { key: "committed" });
  });
  let rolledBackId: string | undefined;
  await expect(
    database.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO effect (id) VALUES ('rolled-back')`;
      rolledBackId = await enqueueAny(queue, tx, "test.record", { key: "rolled-back" });
      throw new Error("the causing write fails");
    }),
  ).rejects.toThrow("the causing write fails");

  await waitFor(async () => (ran.includes("committed") ? true : undefined));
  expect(typeof rolledBackId).toBe("string");
  await expect(queue.boss.getJobById("test.record", rolledBackId ?? "")).resolves.toBeNull();
  await expect(queue.boss.getJobById("test.record", committedId)).resolves.toMatchObject({
    state: "completed",
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(ran).toEqual(["committed"]);
  await queue.boss.offWork("test.record");
});

test("a failing job is retried with back-off, then dead-lettered with its error", async () => {
  const attempts: number[] = [];
  await queue.boss.work(
    "test.flaky",
    { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
    async ([job]) => {
      attempts.push(Date.now());
      throw new Error(`attempt ${job?.retryCount} failed: upstream said no`);
    },
  );
  const id = await database.prisma.$transaction((tx) =>
    enqueueAny(queue, tx, "test.flaky", { invoice: "inv_1" }),
  );
  const failed = await waitFor(async () => {
    const job = await queue.boss.getJobById("test.flaky", id);
    return job?.state === "failed" ? job : undefined;
  }, 40_000);
  expect(attempts).toHaveLength(3);
  // Back-off: the second gap is not shorter than the first (1 s, then ~2 s, with jitter).
  const [first = 0, second = 0, third = 0] = attempts;
  expect(second - first).toBeGreaterThanOrEqual(900);
  expect(third - second).toBeGreaterThanOrEqual(second - first - 300);
  expect(failed.output).toMatchObject({ message: "attempt 2 failed: upstream said no" });

  const dead = await waitFor(async () => {
    const [job] = await queue.boss.findJobs<{ invoice: string }>(deadLetterOf("test.flaky"), {});
    return job;
  });
  expect(dead.data).toEqual({ invoice: "inv_1" });
  await queue.boss.offWork("test.flaky");
}, 60_000);

test("two jobs of one group claimed at the same moment run one after the other", async () => {
  const ids = await database.prisma.$transaction(async (tx) => [
    await enqueueAny(queue, tx, "test.grouped", { n: 1 }, { organizationId: "org_a" }),
    await enqueueAny(queue, tx, "test.grouped", { n: 2 }, { organizationId: "org_a" }),
    await enqueueAny(queue, tx, "test.grouped", { n: 3 }, { organizationId: "org_b" }),
  ]);
  // The race two workers' fetches can lose: both of org_a's jobs active at once.
  const claimed = await queue.boss.fetch<{ n: number }>("test.grouped", { batchSize: 3 });
  expect(claimed.map((job) => job.id).toSorted()).toEqual(ids.toSorted());
  const jobs = claimed.map((job) => ({ ...job, signal: new AbortController().signal }));

  const started: string[] = [];
  const slots = jobs.map((job) => waitForGroupSlot(queue, job, 1, 50).then(() => started.push(job.id)));
  await new Promise((resolve) => setTimeout(resolve, 500));
  // Claimed in one statement, the two tie on started_on and the lower id is first.
  const [first, second] = jobs
    .filter((job) => job.groupId === "org_a")
    .toSorted((a, b) => (a.id < b.id ? -1 : 1));
  const other = jobs.find((job) => job.groupId === "org_b");
  expect(started.toSorted()).toEqual([first?.id, other?.id].toSorted());

  await queue.boss.complete("test.grouped", first?.id ?? "");
  await Promise.all(slots);
  expect(started.at(-1)).toBe(second?.id);
});

test("a job waiting for its group's slot stops when its signal aborts", async () => {
  const ids = await database.prisma.$transaction(async (tx) => [
    await enqueueAny(queue, tx, "test.grouped", { n: 1 }, { organizationId: "org_c" }),
    await enqueueAny(queue, tx, "test.grouped", { n: 2 }, { organizationId: "org_c" }),
  ]);
  const claimed = await queue.boss.fetch("test.grouped", { batchSize: 2 });
  expect(claimed.map((job) => job.id).toSorted()).toEqual(ids.toSorted());
  const [, later] = claimed.toSorted((a, b) => (a.id < b.id ? -1 : 1));
  const stop = new AbortController();
  const waiting = waitForGroupSlot(
    queue,
    { id: later?.id ?? "", name: "test.grouped", signal: stop.signal },
    1,
    50,
  );
  stop.abort(new Error("the worker is stopping"));
  await expect(waiting).rejects.toThrow("the worker is stopping");
  await queue.boss.complete("test.grouped", ids);
});
