import { afterAll, beforeAll, expect, test } from "vitest";
import { createCaller } from "../../root.ts";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { createContext } from "../../trpc.ts";
import type { RateVerdict } from "./api-key-policy.ts";
import { hashApiKey } from "./api-key-secret.ts";
import { createUsageRecorder } from "./usage-recorder.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
}, 120_000);
afterAll(() => api?.close());

test("the secret is shown once; only its hash is stored, and the list never shows it", async () => {
  const acme = await api.organisation("Keys Ltd");
  const { key, secret } = await acme.caller.apiKeys.create({
    name: "ERP",
    scopes: ["orders:write", "orders:write"],
  });
  expect(secret).toMatch(/^tally_[A-Za-z0-9_-]{32}$/);
  expect(key).toMatchObject({
    name: "ERP",
    prefix: secret.slice(0, 14),
    scopes: ["orders:write"],
    lastUsedAt: null,
  });
  const row = await api.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
  expect(row.hash).toBe(hashApiKey(secret));
  expect(JSON.stringify(row)).not.toContain(secret);
  const listed = await acme.caller.apiKeys.list();
  expect(listed.map((listedKey) => listedKey.id)).toEqual([key.id]);
  expect(JSON.stringify(listed)).not.toContain(secret.slice(14));
  expect(await api.db.auditEvent.count({ where: { targetId: key.id, action: "api_key.created" } })).toBe(1);
});

test("bad input names the field and creates nothing", async () => {
  const acme = await api.organisation("Bad Keys");
  await expect(acme.caller.apiKeys.create({ name: "x", scopes: [] })).rejects.toMatchObject({
    code: "BAD_REQUEST",
    message: expect.stringContaining("scopes"),
  });
  await expect(
    acme.caller.apiKeys.create({ name: "x", scopes: ["catalog:write" as "catalog:read"] }),
  ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  expect(await api.db.apiKey.count({ where: { organizationId: acme.id } })).toBe(0);
});

test("a member may not manage keys; another organisation's key is not found", async () => {
  const acme = await api.organisation("Guarded");
  const other = await api.organisation("Nosy");
  const member = await acme.join("member");
  await expect(member.caller.apiKeys.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  const { key } = await api.apiKey(acme.owner);
  await expect(other.caller.apiKeys.revoke({ id: key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  await expect(other.caller.apiKeys.usage({ id: key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect((await api.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
});

test("a key stops working when its creator leaves the organisation", async () => {
  const acme = await api.organisation("Leavers");
  const admin = await acme.join("admin");
  const { caller } = await api.apiKey(admin);
  await expect(caller.catalog.products.list({})).resolves.toMatchObject({ items: [] });
  await acme.caller.org.members.remove({ memberId: admin.memberId });
  await expect(caller.catalog.products.list({})).rejects.toMatchObject({
    code: "UNAUTHORIZED",
    message: "This API key's creator is no longer a member",
  });
});

test("calls are counted per day, procedure and outcome, written only when the batch flushes", async () => {
  const acme = await api.organisation("Counted");
  const { key, secret } = await api.apiKey(acme.owner, { scopes: ["catalog:read"] });
  const usage = createUsageRecorder(api.db, { flushEveryMs: 3_600_000 });
  const caller = createCaller(() =>
    createContext({
      db: api.db,
      auth: api.auth,
      headers: new Headers({ authorization: `Bearer ${secret}` }),
      safety: { credential: "bearer", crossSite: false },
      apiKeys: { usage },
    }),
  );
  for (let call = 0; call < 3; call++) await caller.catalog.products.list({});
  await expect(caller.customers.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  expect(await api.db.apiKeyUsage.count({ where: { apiKeyId: key.id } })).toBe(0);
  await usage.flush();
  await caller.catalog.products.list({});
  await usage.close();

  const rows = await api.db.apiKeyUsage.findMany({
    where: { apiKeyId: key.id },
    select: { procedure: true, status: true, calls: true, organizationId: true },
    orderBy: { procedure: "asc" },
  });
  expect(rows).toEqual([
    { procedure: "catalog.products.list", status: "ok", calls: 4, organizationId: acme.id },
    { procedure: "customers.list", status: "FORBIDDEN", calls: 1, organizationId: acme.id },
  ]);
  const stored = await api.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
  expect(stored.lastUsedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);

  const report = await acme.caller.apiKeys.usage({ id: key.id, days: 30 });
  expect(report.days).toHaveLength(30);
  expect(report.days.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), calls: 5, failed: 1 });
  expect(report.days.slice(0, -1).every((day) => day.calls === 0)).toBe(true);
  expect(report.byProcedure).toEqual([
    { procedure: "catalog.products.list", status: "ok", calls: 4 },
    { procedure: "customers.list", status: "FORBIDDEN", calls: 1 },
  ]);
});

test("over its limit a key is refused with TOO_MANY_REQUESTS before anything runs", async () => {
  const acme = await api.organisation("Limited");
  const { secret } = await api.apiKey(acme.owner, { scopes: ["catalog:read"], rateLimitPerMinute: 2 });
  let used = 0;
  const limiter = async (_keyId: string, perMinute: number): Promise<RateVerdict> => {
    used += 1;
    return {
      allowed: used <= perMinute,
      limit: perMinute,
      remaining: Math.max(0, perMinute - used),
      resetSeconds: 30,
    };
  };
  const caller = createCaller(() =>
    createContext({
      db: api.db,
      auth: api.auth,
      headers: new Headers({ authorization: `Bearer ${secret}` }),
      safety: { credential: "bearer", crossSite: false },
      apiKeys: { limiter },
    }),
  );
  await caller.catalog.products.list({});
  await caller.catalog.products.list({});
  await expect(caller.catalog.products.list({})).rejects.toMatchObject({
    code: "TOO_MANY_REQUESTS",
    message: "This key may make 2 calls per minute: try again in 30 s",
  });
});
