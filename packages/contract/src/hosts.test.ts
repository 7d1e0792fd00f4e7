/**
 * The contract: one suite of calls, through @trpc/client with a real sign-in,
 * against every way Tally can be served. Its transcripts must be identical:
 *   (a) Next.js, every router in-process
 *   (b) Next.js forwarding every router to apps/server
 *   (c) Next.js forwarding some routers (catalog, orders)
 *   (d) apps/server directly
 * All four share one database: PostgreSQL (postgres project), or the embedded
 * server that apps/server starts in a fresh data folder and the others join.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuth } from "@tally/auth";
import { seedDemoWithUsers } from "@tally/auth/seed";
import { createTallyClient } from "@tally/client";
import { openDatabase } from "@tally/db";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { routerNames } from "@tally/host";
import { rememberSecret, rememberSessionFrom } from "@tally/host/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Host, startServer, startWeb } from "./hosts.ts";
import { everyDomain } from "./scenarios/index.ts";
import { signIn } from "./sign-in.ts";

const SERVICE_SECRET = "contract-service-secret-0123456789abcdef";
const ALICE = "alice@demo.tally.test";

let server: Host;
let arrangements: Record<"in-process" | "forward-all" | "forward-some" | "server", Host>;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

const withToken = (host: Host, token: string) =>
  createTallyClient({ url: host.trpcUrl, headers: () => ({ authorization: `Bearer ${token}` }) });

beforeAll(async () => {
  const env: Record<string, string> = {
    BETTER_AUTH_SECRET: "contract-test-secret-0123456789abcdefghij",
    TALLY_SERVICE_SECRET: SERVICE_SECRET,
  };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    await seedDemoWithUsers(database.prisma, createAuth({ prisma: database.prisma }));
    env.DATABASE_URL = database.url ?? "";
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-contract-"));
    Object.assign(env, { TALLY_DATA_DIR: dataDir, DATABASE_URL: "" });
  }
  server = await startServer(env);
  const forwardTo = (routers: string[]) => ({
    ...env,
    TALLY_API_URL: server.trpcUrl,
    TALLY_REMOTE_ROUTERS: routers.join(","),
  });
  const [inProcess, forwardAll, forwardSome] = await Promise.all([
    startWeb(env),
    startWeb(forwardTo(routerNames)),
    startWeb(forwardTo(["catalog", "orders"])),
  ]);
  arrangements = { "in-process": inProcess, "forward-all": forwardAll, "forward-some": forwardSome, server };
  if (dataDir) {
    const seeding = await openDatabase({ kind: "embedded", dataDir });
    await seedDemoWithUsers(seeding.prisma, createAuth({ prisma: seeding.prisma }));
    await seeding.close();
  }
}, 180_000);

afterAll(async () => {
  for (const host of Object.values(arrangements ?? {})) if (host !== server) await host.stop();
  await server?.stop();
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("every domain gives identical results in all four arrangements", async () => {
  const transcripts: Record<string, unknown> = {};
  for (const [name, host] of Object.entries(arrangements)) {
    const token = await signIn(host.baseUrl, ALICE);
    // Long enough never to occur inside a generated id, which the transcript would then mangle.
    const prefix = `Contract${Object.keys(transcripts).length}`;
    transcripts[name] = await everyDomain(withToken(host, token), prefix);
  }
  const [reference, ...others] = Object.values(transcripts);
  for (const other of others) expect(other).toEqual(reference);
  // The transcript is about something: refusals and outcomes a user would recognise.
  expect(reference).toMatchObject({
    identity: { me: { ok: { user: { email: ALICE }, role: "owner" } } },
    catalog: {
      "duplicate SKU": { error: { code: "CONFLICT", httpStatus: 409 } },
      "invalid create": { error: { code: "BAD_REQUEST", httpStatus: 400 } },
      "missing product": { error: { code: "NOT_FOUND", httpStatus: 404 } },
    },
    orders: {
      "place without stock": { error: { code: "CONFLICT" } },
      place: { ok: { status: "placed", totalMinor: 3798 } },
      "stock after": { ok: { stock: 1 } },
    },
  });
});

test("both hosts read and write the same data", async () => {
  const token = await signIn(server.baseUrl, ALICE);
  const viaServer = withToken(server, token);
  const viaWeb = withToken(arrangements["in-process"], token);
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

test("a forwarded call carries the real caller and their organisation", async () => {
  const token = await signIn(arrangements["forward-all"].baseUrl, "bob@demo.tally.test");
  const bob = withToken(arrangements["forward-all"], token);
  await expect(bob.account.me.query()).resolves.toMatchObject({
    user: { email: "bob@demo.tally.test" },
    role: "member",
  });
  const refusal = await bob.catalog.products.create
    .mutate({ sku: "BOB-1", name: "Members may not", priceMinor: 1, currency: "USD" })
    .catch((error: unknown) => error);
  expect((refusal as TRPCClientError<never>).data).toMatchObject({ code: "FORBIDDEN" });
});

test("a bearer token from one host works on every other, and none accepts it once the session is revoked", async () => {
  const token = await signIn(arrangements["in-process"].baseUrl, "bob@demo.tally.test");
  for (const host of Object.values(arrangements)) {
    await expect(withToken(host, token).account.me.query()).resolves.toMatchObject({
      user: { email: "bob@demo.tally.test" },
      activeOrganization: { slug: "demo" },
      role: "member",
    });
  }
  const bobOnServer = withToken(server, token);
  const current = (await bobOnServer.account.sessions.list.query()).find((session) => session.current);
  await bobOnServer.account.sessions.revoke.mutate({ sessionId: current?.id ?? "" });
  for (const host of Object.values(arrangements)) {
    const refusal = await withToken(host, token)
      .account.me.query()
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TRPCClientError);
    expect((refusal as TRPCClientError<never>).data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
  }
});

test("the auth library's organisation routes are not served: they change nothing and answer like an unknown path", async () => {
  const rivalToken = await signUp(server.baseUrl, "rival-owner@contract.test");
  const rival = await withToken(server, rivalToken).org.create.mutate({
    name: "Rival Ltd",
    slug: "rival-ltd",
  });
  for (const name of ["in-process", "server"] as const) {
    const host = arrangements[name];
    const token = await signIn(host.baseUrl, ALICE);
    const send = (path: string, init: RequestInit = {}) =>
      fetch(`${host.baseUrl}/api/auth/organization/${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          origin: host.baseUrl,
          "content-type": "application/json",
        },
      }).then(async (response) => ({ status: response.status, body: await response.text() }));
    const post = (path: string, body: unknown) => send(path, { method: "POST", body: JSON.stringify(body) });
    const notServed = { status: 404, body: '{"error":"Not found"}' };

    expect(await send(`get-full-organization?organizationId=${rival.id}`), name).toEqual(notServed);
    expect(await send("get-full-organization?organizationId=no-such-organisation"), name).toEqual(notServed);
    expect(await post("set-active", { organizationId: rival.id }), name).toEqual(notServed);
    expect(
      await post("invite-member", { email: `owner-${name}@contract.test`, role: "owner" }),
      name,
    ).toEqual(notServed);
    expect(await post("create", { name: "Side door", slug: `side-door-${name}` }), name).toEqual(notServed);

    const alice = withToken(host, token);
    await expect(alice.account.me.query()).resolves.toMatchObject({ activeOrganization: { slug: "demo" } });
    const invitations = await alice.org.invitations.list.query();
    expect(invitations.map((invitation) => invitation.email)).not.toContain(`owner-${name}@contract.test`);
    const mine = await alice.org.listMine.query();
    expect(mine.map((organization) => organization.slug)).not.toContain(`side-door-${name}`);
  }
});

async function signUp(baseUrl: string, email: string): Promise<string> {
  rememberSecret("password", "rival-password-123");
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ name: "Rival Owner", email, password: "rival-password-123" }),
  });
  rememberSessionFrom(response);
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`sign-up at ${baseUrl} failed: ${response.status}`);
  return token;
}
