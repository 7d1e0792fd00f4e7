import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { deadLetterOf, type JobDefinition } from "./catalogue.ts";
import { enqueueAny } from "./enqueue.ts";
import { openQueue, type Queue } from "./queue.ts";

// The queue on the test database, with kinds of work of its own, so that
// retries take a second rather than Tally's real back-off.
const catalogue: Record<string, JobDefinition> = {
  "test.record": { options: { retryLimit: 0 }, deadLetter: false },
  "test.flaky": { options: { retryLimit: 2, retryDelay: 1, retryBackoff: true }, deadLetter: true },
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
