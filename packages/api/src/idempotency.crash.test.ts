/**
 * What survives a crash, and what a duplicate sees while the first call is
 * still running. The API runs in a child process on the test database's URL
 * (src/testing/place-order-process.ts) and is SIGKILLed at a chosen point;
 * the points are reached by holding real locks from this process, so the
 * code under test has no test hooks. Runs on both databases: each test
 * database has a postgresql:// URL a second process can connect to.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { draftToPlace, freshKey } from "./testing/idempotency-fixtures.ts";
import { createTestApi, type TestApi } from "./testing/index.ts";

let api: TestApi;
let url: string;
beforeAll(async () => {
  api = await createTestApi();
  url = api.url;
});
afterAll(() => api?.close());

const childScript = fileURLToPath(new URL("./testing/place-order-process.ts", import.meta.url));

type Placement = { child: ChildProcess; applicationName: string; lines: AsyncIterator<string> };

/** Starts a process that places the order; its database sessions carry `applicationName`. */
function placeInChildProcess(args: { token: string; orderId: string; idempotencyKey: string }): Placement {
  const applicationName = `idem-crash-${randomBytes(4).toString("hex")}`;
  const childUrl = new URL(url);
  childUrl.searchParams.set("application_name", applicationName);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", childScript, JSON.stringify({ ...args, url: childUrl.toString() })],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout ?? process.stdin })[Symbol.asyncIterator]();
  return { child, applicationName, lines };
}

async function nextLine(placement: Placement, prefix: string): Promise<string> {
  for (;;) {
    const { value, done } = await placement.lines.next();
    if (done) throw new Error(`the child exited before printing "${prefix}"`);
    if (value.startsWith(prefix)) return value.slice(prefix.length);
  }
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A call's outcome, observed from the start so a rejection is never left unhandled while the test waits. */
type Outcome = { value: unknown; error?: undefined } | { value?: undefined; error: unknown };
function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  return call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** A child process loads the whole API first; on a loaded machine that alone takes seconds. */
const CHILD_TEST_TIMEOUT_MS = 120_000;

type Activity = { query: string; waiting: boolean };
async function sessionsOf(applicationName: string): Promise<Activity[]> {
  return api.db.$queryRaw<Activity[]>`
    SELECT "query", coalesce("wait_event_type" = 'Lock', false) AS "waiting"
    FROM pg_stat_activity WHERE "application_name" = ${applicationName}`;
}

/** Sessions of this database blocked on a lock: row locks and advisory locks alike. */
async function blockedSessions(): Promise<number> {
  const [row] = await api.db.$queryRaw<Array<{ blocked: number }>>`
    SELECT count(*)::int AS "blocked" FROM pg_stat_activity
    WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`;
  return row?.blocked ?? 0;
}

/** Holds a lock in a transaction of this process until `release` is called; `change` runs just before it ends. */
async function holdLock(statement: string, change?: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const transaction = api.db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(statement);
      locked();
      await released;
      if (change) await tx.$executeRawUnsafe(change);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  await Promise.race([isLocked, transaction]);
  return {
    release: async () => {
      release();
      await transaction;
    },
  };
}

describe("a process killed in the middle of an idempotent mutation", () => {
  test(
    "after the effect, before the commit: nothing remains, and the retry runs it exactly once",
    async () => {
      const { org, order, effects } = await draftToPlace(api, "Killed Before Commit");
      const idempotencyKey = freshKey("kill-before-commit");
      // Storing the response is the transaction's last write; a SHARE lock on the table makes it wait there.
      const storing = await holdLock(`LOCK TABLE "idempotency_key" IN SHARE MODE`);
      const placement = placeInChildProcess({ token: org.owner.token, orderId: order.id, idempotencyKey });
      try {
        await nextLine(placement, "started");
        await until(
          async () =>
            (await sessionsOf(placement.applicationName)).some(
              (session) => session.waiting && session.query.includes("idempotency_key"),
            ),
          "the child has run the effect and waits to store its response",
        );
        const [stocked] = await api.db.$queryRaw<Array<{ stock: number }>>`
        SELECT "stock" FROM "product" WHERE "id" = ${order.lines[0]?.productId ?? ""}`;
        expect(stocked?.stock).toBe(10); // the child's decrement is not committed

        await killHard(placement.child);
      } finally {
        await storing.release();
      }
      await until(
        async () => (await sessionsOf(placement.applicationName)).length === 0,
        "the dead session ends",
      );
      expect(await effects()).toEqual({ stock: 10, status: "draft", placedAudits: 0, keys: 0 });

      const retried = await org.caller.orders.place({ orderId: order.id, idempotencyKey });
      expect(retried).toMatchObject({ id: order.id, status: "placed" });
      await expect(org.caller.orders.place({ orderId: order.id, idempotencyKey })).resolves.toEqual(retried);
      expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
    },
    CHILD_TEST_TIMEOUT_MS,
  );

  test(
    "after the commit: the retry gets the stored response, and the effect stays single",
    async () => {
      const { org, order, effects } = await draftToPlace(api, "Killed After Commit");
      const idempotencyKey = freshKey("kill-after-commit");
      const placement = placeInChildProcess({ token: org.owner.token, orderId: order.id, idempotencyKey });
      const answered = superjson.parse(await nextLine(placement, "result "));
      await killHard(placement.child);
      await until(
        async () => (await sessionsOf(placement.applicationName)).length === 0,
        "the dead sessions end",
      );

      await expect(org.caller.orders.place({ orderId: order.id, idempotencyKey })).resolves.toEqual(answered);
      expect(answered).toMatchObject({ id: order.id, status: "placed" });
      expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
    },
    CHILD_TEST_TIMEOUT_MS,
  );
});

describe("a duplicate that arrives while the first call is in flight", () => {
  test("waits for the first, then replays its response", async () => {
    const { org, order, product, effects } = await draftToPlace(api, "Waiting Duplicate");
    const idempotencyKey = freshKey("in-flight");
    const productRow = await holdLock(`SELECT 1 FROM "product" WHERE "id" = '${product.id}' FOR UPDATE`);
    let first: Promise<Outcome> | undefined;
    let duplicate: Promise<Outcome> | undefined;
    try {
      first = outcomeOf(org.caller.orders.place({ orderId: order.id, idempotencyKey }));
      await until(async () => (await blockedSessions()) === 1, "the first call waits on the product row");
      duplicate = outcomeOf(org.caller.orders.place({ orderId: order.id, idempotencyKey }));
      await until(async () => (await blockedSessions()) === 2, "the duplicate waits on the key");
    } finally {
      await productRow.release();
    }
    const [firstAnswer, duplicateAnswer] = await Promise.all([first, duplicate]);
    expect(firstAnswer?.value).toMatchObject({ id: order.id, status: "placed" });
    expect(duplicateAnswer).toEqual(firstAnswer);
    expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
  });

  test("is told the first failed when it rolled back; a later retry with the same key runs", async () => {
    const { org, order, product, effects } = await draftToPlace(api, "Failed While Waiting");
    const idempotencyKey = freshKey("first-fails");
    // The stock runs out just before the first call gets the product row: it fails and rolls back.
    const productRow = await holdLock(
      `SELECT 1 FROM "product" WHERE "id" = '${product.id}' FOR UPDATE`,
      `UPDATE "product" SET "stock" = 0 WHERE "id" = '${product.id}'`,
    );
    let first: Promise<Outcome> | undefined;
    let duplicate: Promise<Outcome> | undefined;
    try {
      first = outcomeOf(org.caller.orders.place({ orderId: order.id, idempotencyKey }));
      await until(async () => (await blockedSessions()) === 1, "the first call waits on the product row");
      duplicate = outcomeOf(org.caller.orders.place({ orderId: order.id, idempotencyKey }));
      await until(async () => (await blockedSessions()) === 2, "the duplicate waits on the key");
    } finally {
      await productRow.release();
    }
    expect((await first)?.error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Not enough stock"),
    });
    expect((await duplicate)?.error).toMatchObject({
      code: "CONFLICT",
      message: "The first request with this idempotency key failed; retry with a new key",
    });
    expect(await effects()).toEqual({ stock: 0, status: "draft", placedAudits: 0, keys: 0 });

    await api.db.product.update({ where: { id: product.id }, data: { stock: 10 } });
    await expect(org.caller.orders.place({ orderId: order.id, idempotencyKey })).resolves.toMatchObject({
      status: "placed",
    });
    expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
  });
});

describe("a deadlock inside an idempotent mutation", () => {
  test("rolls back everything, key included, and the call runs again and succeeds once", async () => {
    const { org, order, product, effects } = await draftToPlace(api, "Deadlocked");
    const idempotencyKey = freshKey("deadlock");
    // This transaction holds the product row; the placement takes the order row, then waits for the
    // product. Then this one asks for the order row: a cycle, which PostgreSQL breaks by aborting the
    // placement (it has waited longest, so its deadlock check runs first).
    const productRow = await holdLock(
      `SELECT 1 FROM "product" WHERE "id" = '${product.id}' FOR UPDATE`,
      `UPDATE "order" SET "note" = "note" WHERE "id" = '${order.id}'`,
    );
    let placement: Promise<Outcome> | undefined;
    try {
      placement = outcomeOf(org.caller.orders.place({ orderId: order.id, idempotencyKey }));
      await until(async () => (await blockedSessions()) === 1, "the placement waits on the product row");
      // Half of PostgreSQL's deadlock_timeout (1 s) between the two waits: each session checks for a
      // deadlock that long after it starts waiting, and on a loaded machine a shorter gap let this one's
      // check run first, so the victim was this transaction instead of the placement.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await productRow.release();
    }
    expect((await placement)?.value).toMatchObject({ id: order.id, status: "placed" });
    expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
  });
});
