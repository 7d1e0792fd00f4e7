/**
 * Two apps/server processes on one database and one Redis, as a deployment
 * with several instances runs: what one instance counts, accepts or changes,
 * the other knows at once. Then Redis goes away, and both carry on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTallyClient } from "@tally/client";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { SERVICE_CREDENTIAL_HEADER, signServiceCredential } from "@tally/host";
import { startTestRedis, type TestRedis } from "@tally/shared-state/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningServer, spawnServer } from "./testing/spawn-server.ts";

const SERVICE_SECRET = "scale-out-service-secret-0123456789abcdef";
const PASSWORD = "scale-out-password-1";

let redis: TestRedis;
let first: RunningServer;
let second: RunningServer;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  redis = await startTestRedis();
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    TALLY_SERVICE_SECRET: SERVICE_SECRET,
    BETTER_AUTH_SECRET: "scale-out-auth-secret-0123456789abcdefghij",
    TALLY_WORKERS: "false",
  };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url ?? "";
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-scale-out-"));
    env.TALLY_DATA_DIR = dataDir;
  }
  first = await spawnServer(env);
  second = await spawnServer(env);
}, 120_000);

afterAll(async () => {
  await Promise.all([first, second].map((server) => server?.child.exitCode === null && server.stop()));
  await redis?.stop();
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const post = (server: RunningServer, path: string, body: unknown, token?: string) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: "http://127.0.0.1:3000",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });

async function signUp(server: RunningServer, email: string): Promise<string> {
  const response = await post(server, "/api/auth/sign-up/email", {
    name: "Scale Out",
    email,
    password: PASSWORD,
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`sign-up failed: ${response.status}`);
  return token;
}

const clientOf = (server: RunningServer, token: string) =>
  createTallyClient({ url: `${server.url}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) });

test("a sign-in limit of 5 per account counts attempts on both instances against one budget", async () => {
  const email = "limited@scale-out.test";
  await signUp(first, email);
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    const server = attempt % 2 === 0 ? first : second;
    const response = await post(server, "/api/auth/sign-in/email", { email, password: "wrong-password-1" });
    statuses.push(response.status);
    if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
});

test("a service credential accepted by one instance is refused by the other", async () => {
  const credential = await signServiceCredential(
    { sessionToken: null, requestId: "scale-out-1", safety: { credential: "none", crossSite: false } },
    { secret: SERVICE_SECRET },
  );
  const ping = (server: RunningServer) =>
    fetch(`${server.url}/trpc/health.ping`, { headers: { [SERVICE_CREDENTIAL_HEADER]: credential } });
  expect((await ping(first)).status).toBe(200);
  const replay = await ping(second);
  expect(replay.status).toBe(401);
  expect(JSON.stringify(await replay.json())).toContain("Service credential already used");
  expect((await ping(first)).status).toBe(401);
});

test("a sign-out through one instance is refused by the other on the next call", async () => {
  const token = await signUp(first, "signs-out@scale-out.test");
  await expect(clientOf(second, token).account.me.query()).resolves.toMatchObject({
    user: { email: "signs-out@scale-out.test" },
  });
  expect((await post(first, "/api/auth/sign-out", {}, token)).status).toBe(200);
  const refusal = await clientOf(second, token)
    .account.me.query()
    .catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(TRPCClientError);
  expect((refusal as TRPCClientError<never>).data).toMatchObject({ code: "UNAUTHORIZED" });
});

test("switching organisation through one instance shows on the other on the next call", async () => {
  const token = await signUp(first, "switches@scale-out.test");
  const viaFirst = clientOf(first, token);
  const viaSecond = clientOf(second, token);
  const north = await viaFirst.org.create.mutate({ name: "North Ltd", slug: "north-ltd" });
  const south = await viaFirst.org.create.mutate({ name: "South Ltd", slug: "south-ltd" });
  await viaFirst.org.setActive.mutate({ organizationId: south.id });
  await expect(viaSecond.account.me.query()).resolves.toMatchObject({ activeOrganization: { id: south.id } });
  await viaFirst.org.setActive.mutate({ organizationId: north.id });
  await expect(viaSecond.account.me.query()).resolves.toMatchObject({ activeOrganization: { id: north.id } });
});

/** An organisation of its own and a partner key for it with `rateLimitPerMinute` calls a minute. */
async function partnerKey(email: string, rateLimitPerMinute: number) {
  const token = await signUp(first, email);
  const owner = clientOf(first, token);
  await owner.org.create.mutate({ name: `Org of ${email}`, slug: email.replace(/[^a-z0-9]+/g, "-") });
  const { key, secret } = await owner.apiKeys.create.mutate({
    name: "Partner",
    scopes: ["catalog:read"],
    rateLimitPerMinute,
  });
  return { owner, key, secret };
}

const products = (server: RunningServer, secret: string) =>
  fetch(`${server.url}/api/v1/products`, { headers: { authorization: `Bearer ${secret}` } });

test("a key's limit of 5 a minute lets exactly 5 calls through across both instances", async () => {
  const { secret } = await partnerKey("limited-key@scale-out.test", 5);
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, call) => products(call % 2 === 0 ? first : second, secret)),
  );
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(5);
  expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  const refused = answers.find((answer) => answer.status === 429);
  const retryAfter = Number(refused?.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused?.headers.get("ratelimit-policy")).toBe('"per-key";q=5;w=60');
  expect(refused?.headers.get("ratelimit")).toMatch(/^"per-key";r=0;t=\d+$/);
  expect(refused?.headers.get("content-type")).toBe("application/problem+json");
  const allowed = answers.find((answer) => answer.status === 200);
  expect(allowed?.headers.get("ratelimit")).toMatch(/^"per-key";r=[0-4];t=\d+$/);
});

test("a key revoked through one instance is refused by the other on its next call", async () => {
  const { owner, key, secret } = await partnerKey("revoked-key@scale-out.test", 100);
  expect((await products(second, secret)).status).toBe(200);
  await owner.apiKeys.revoke.mutate({ id: key.id });
  expect((await products(second, secret)).status).toBe(401);
  expect((await products(first, secret)).status).toBe(401);
});

test("with Redis stopped both instances keep serving, each limiting sign-ins on its own", async () => {
  const email = "outage@scale-out.test";
  const token = await signUp(first, email);
  const { secret } = await partnerKey("outage-key@scale-out.test", 1000);
  await redis.stop();
  try {
    // Partner calls go on too, counted by each instance's own limiter meanwhile.
    for (const server of [first, second]) expect((await products(server, secret)).status).toBe(200);
    for (const server of [first, second]) {
      await expect(clientOf(server, token).account.me.query()).resolves.toMatchObject({ user: { email } });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await post(server, "/api/auth/sign-in/email", {
          email,
          password: "wrong-password-1",
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    }
    expect([...first.lines, ...second.lines].some((line) => line.includes("shared state unreachable"))).toBe(
      true,
    );
  } finally {
    await redis.restart();
  }
});
