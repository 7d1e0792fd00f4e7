import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memorySharedState, openSharedState, type SharedState } from "./shared-state.ts";
import { startTestRedis, type TestRedis } from "./testing/redis-server.ts";

let redis: TestRedis;
const opened: SharedState[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((state) => state.close()));
  await redis?.stop();
});

async function twoInstances(keyPrefix: string) {
  const errors: Error[] = [];
  const open = () =>
    openSharedState({ redisUrl: redis.url, keyPrefix, onError: (error) => errors.push(error) });
  const [first, second] = await Promise.all([open(), open()]);
  opened.push(first, second);
  return { first, second, errors };
}

/** Consumes one point per call, alternating limiters; returns how many were allowed. */
async function allowedOf(limiters: ReturnType<SharedState["limiter"]>[], attempts: number, key: string) {
  let allowed = 0;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const limiter = limiters[attempt % limiters.length];
    await limiter?.consume(key).then(
      () => allowed++,
      () => {},
    );
  }
  return allowed;
}

describe("with Redis", () => {
  test("a limit of N across two instances lets exactly N through", async () => {
    const { first, second } = await twoInstances("limit-test:");
    expect([first.kind, second.kind]).toEqual(["redis", "redis"]);
    const options = { keyPrefix: "sign-in", points: 5, durationSeconds: 60 };
    expect(await allowedOf([first.limiter(options), second.limiter(options)], 12, "carol@example.com")).toBe(
      5,
    );
    // Another key has its own budget.
    expect(await allowedOf([first.limiter(options), second.limiter(options)], 3, "dave@example.com")).toBe(3);
  });

  test("a claim is granted once across instances, and keys expire", async () => {
    const { first, second } = await twoInstances("claim-test:");
    expect(await first.claimOnce("jti-1", 60_000)).toBe(true);
    expect(await second.claimOnce("jti-1", 60_000)).toBe(false);
    expect(await first.claimOnce("jti-1", 60_000)).toBe(false);
    expect(await second.claimOnce("jti-short", 50)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await first.claimOnce("jti-short", 50)).toBe(true);
  });

  test("a notice reaches the other instances, not the one that sent it, nor another deployment", async () => {
    const { first, second } = await twoInstances("notice-test:");
    const { first: elsewhere } = await twoInstances("other-deployment:");
    const heard = { first: [] as string[], second: [] as string[], elsewhere: [] as string[] };
    first.listen("sessions", (message) => heard.first.push(message));
    second.listen("sessions", (message) => heard.second.push(message));
    elsewhere.listen("sessions", (message) => heard.elsewhere.push(message));
    await new Promise((resolve) => setTimeout(resolve, 100)); // subscriptions are asynchronous
    await first.announce("sessions", "user:u1");
    await expect.poll(() => heard.second, { timeout: 2_000 }).toEqual(["user:u1"]);
    expect(heard.first).toEqual([]);
    expect(heard.elsewhere).toEqual([]);
  });

  test("Redis stopped: each instance falls back to its own counts and claims, nothing throws; restarted: shared again", async () => {
    const { first, second, errors } = await twoInstances("outage-test:");
    const options = { keyPrefix: "outage", points: 3, durationSeconds: 60 };
    const limiters = [first.limiter(options), second.limiter(options)];
    expect(await first.claimOnce("before-outage", 60_000)).toBe(true);
    await redis.stop();
    try {
      // Each process counts alone: 3 each, so 6 of 10 across both.
      expect(await allowedOf(limiters, 10, "outage-key")).toBe(6);
      expect(await first.claimOnce("during-outage", 60_000)).toBe(true);
      expect(await first.claimOnce("during-outage", 60_000)).toBe(false);
      await expect(first.announce("sessions", "user:u2")).resolves.toBeUndefined();
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((error) => error instanceof Error)).toBe(true);
    } finally {
      await redis.restart();
    }
    // Both reconnect on their own: a claim made by one is soon refused to the other.
    let probe = 0;
    const sharedAgain = async () => {
      const key = `after-outage-${probe++}`;
      return (await first.claimOnce(key, 60_000)) && !(await second.claimOnce(key, 60_000));
    };
    await expect.poll(sharedAgain, { timeout: 10_000, interval: 250 }).toBe(true);
    expect(await allowedOf(limiters, 5, "after-outage-key")).toBe(3);
  });
});

test("without Redis a process keeps its own state", async () => {
  const state = await openSharedState({});
  expect(state.kind).toBe("memory");
  const limiter = state.limiter({ keyPrefix: "solo", points: 2, durationSeconds: 60 });
  expect(await allowedOf([limiter], 5, "k")).toBe(2);
  expect(await state.claimOnce("a", 60_000)).toBe(true);
  expect(await state.claimOnce("a", 60_000)).toBe(false);
  expect(await memorySharedState().claimOnce("a", 60_000)).toBe(true);
});
