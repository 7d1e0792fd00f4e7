import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuth, seedDemoWithUsers } from "@tally/auth";
import { createTallyClient } from "@tally/client";
import { openDatabase } from "@tally/db";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { catalogScenario } from "./catalog.scenario.ts";
import { type Host, startServer, startWeb } from "./hosts.ts";
import { signIn } from "./sign-in.ts";

// Both hosts share one database: PostgreSQL (postgres project) or one embedded
// data folder, owned by the server and reached by `next start` as a guest.
let server: Host;
let web: Host;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

const ALICE = "alice@demo.tally.test";
const withToken = (host: Host, token: string) =>
  createTallyClient({ url: host.trpcUrl, headers: () => ({ authorization: `Bearer ${token}` }) });

beforeAll(async () => {
  const env: Record<string, string> = { BETTER_AUTH_SECRET: "contract-test-secret-0123456789abcdefghij" };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    await seedDemoWithUsers(database.prisma, createAuth({ prisma: database.prisma }));
    env.DATABASE_URL = database.url ?? "";
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-contract-"));
    Object.assign(env, { TALLY_DATA_DIR: dataDir, DATABASE_URL: "" });
  }
  server = await startServer(env);
  web = await startWeb(env);
  if (dataDir) {
    const guest = await openDatabase({ kind: "embedded", dataDir });
    await seedDemoWithUsers(guest.prisma, createAuth({ prisma: guest.prisma }));
    await guest.close();
  }
});

afterAll(async () => {
  await web?.stop();
  await server?.stop();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the same catalog scenario gives identical results through Next.js and through the standalone server", async () => {
  const viaWeb = await catalogScenario(withToken(web, await signIn(web.baseUrl, ALICE)), "WEB");
  const viaServer = await catalogScenario(withToken(server, await signIn(server.baseUrl, ALICE)), "SRV");
  expect(viaServer).toEqual(viaWeb);
  // A sanity check that the transcript is about something.
  expect(viaWeb).toMatchObject({
    "duplicate SKU": { error: { code: "CONFLICT", httpStatus: 409 } },
    "invalid create": { error: { code: "BAD_REQUEST", httpStatus: 400 } },
    "stale update": { error: { code: "CONFLICT" } },
    "missing product": { error: { code: "NOT_FOUND", httpStatus: 404 } },
  });
});

test("both hosts read and write the same data", async () => {
  const token = await signIn(server.baseUrl, ALICE);
  const viaServer = withToken(server, token);
  const viaWeb = withToken(web, token);
  const created = await viaServer.catalog.products.create.mutate({
    sku: "SHARED-1",
    name: "Made on the server",
    priceMinor: 100,
    currency: "USD",
  });
  await expect(viaWeb.catalog.products.get.query({ id: created.id })).resolves.toEqual(created);
  const demo = await viaWeb.catalog.products.list.query({ limit: 100 });
  expect(demo.items.length).toBeGreaterThanOrEqual(12);
});

test("a bearer token from one host works on the other, and neither accepts it once the session is revoked", async () => {
  const token = await signIn(web.baseUrl, "bob@demo.tally.test");
  for (const host of [web, server]) {
    await expect(withToken(host, token).account.me.query()).resolves.toMatchObject({
      user: { email: "bob@demo.tally.test" },
      activeOrganization: { slug: "demo" },
      role: "member",
    });
  }
  const bobOnServer = withToken(server, token);
  const current = (await bobOnServer.account.sessions.list.query()).find((session) => session.current);
  await bobOnServer.account.sessions.revoke.mutate({ sessionId: current?.id ?? "" });
  for (const host of [web, server]) {
    const refusal = await withToken(host, token)
      .account.me.query()
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TRPCClientError);
    expect((refusal as TRPCClientError<never>).data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
  }
});

test("without a session, both hosts answer UNAUTHORIZED the same way", async () => {
  for (const host of [web, server]) {
    const refusal = await createTallyClient({ url: host.trpcUrl })
      .catalog.products.list.query()
      .catch((error: unknown) => error);
    expect((refusal as TRPCClientError<never>).data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
  }
});
