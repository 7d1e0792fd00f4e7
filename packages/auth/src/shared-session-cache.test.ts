/**
 * Two auth instances on one database, as two Tally processes are: with a
 * shared Redis, a change one of them makes evicts the other's cached copy of
 * that user's sessions at once; without one, the other serves its copy until
 * the TTL runs out (what decision 007 accepts for a single instance).
 */
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { openSharedState, type SharedState } from "@tally/shared-state";
import { startTestRedis, type TestRedis } from "@tally/shared-state/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Auth, createAuth, lookUpSession } from "./auth.ts";

const ORIGIN = "http://127.0.0.1:3000";
const config = {
  secret: "shared-session-cache-secret-0123456789abcdef",
  baseURL: ORIGIN,
  trustedOrigins: [ORIGIN],
  production: false,
  sessionCacheSeconds: 60,
};

let database: TestDatabase;
let redis: TestRedis;
const states: SharedState[] = [];

beforeAll(async () => {
  [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
});
afterAll(async () => {
  await Promise.all(states.map((state) => state.close()));
  await redis?.stop();
  await database?.close();
});

let deployments = 0;
/** Two processes of one deployment: one database, one key prefix in Redis (when there is one). */
async function twoProcesses(redisUrl: string | undefined): Promise<[Auth, Auth]> {
  const keyPrefix = `deployment-${deployments++}:`;
  const open = async () => {
    const sharedState = await openSharedState({ redisUrl, keyPrefix });
    states.push(sharedState);
    return createAuth({ prisma: database.prisma, config, sharedState });
  };
  return [await open(), await open()];
}

let people = 0;
async function signedIn(auth: Auth): Promise<Headers> {
  people++;
  const { token } = await auth.api.signUpEmail({
    body: {
      email: `shared-${people}@example.test`,
      password: "a long enough password",
      name: `Person ${people}`,
    },
  });
  return new Headers({ authorization: `Bearer ${token}` });
}

test("with Redis, a user renamed through one process is read afresh by the other on its next lookup", async () => {
  const [one, other] = await twoProcesses(redis.url);
  await new Promise((resolve) => setTimeout(resolve, 100)); // their subscriptions are asynchronous
  const headers = await signedIn(one);
  await lookUpSession(other, headers);
  expect(await lookUpSession(other, headers)).toMatchObject({ cached: true });

  await one.api.updateUser({ body: { name: "Renamed Elsewhere" }, headers });
  await expect
    .poll(() => lookUpSession(other, headers), { timeout: 1_000, interval: 10 })
    .toMatchObject({ cached: false, identity: { user: { name: "Renamed Elsewhere" } } });
});

test("without Redis the other process serves its cached copy until the TTL", async () => {
  const [one, other] = await twoProcesses(undefined);
  const headers = await signedIn(one);
  await lookUpSession(other, headers);
  await one.api.updateUser({ body: { name: "Renamed Locally" }, headers });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await lookUpSession(other, headers)).toMatchObject({
    cached: true,
    identity: { user: { name: expect.stringMatching(/^Person /) } },
  });
});
