/**
 * The authorization matrix: every procedure of the appRouter, called as an
 * anonymous visitor, a member, an admin and an owner of one organisation, and
 * as an owner of another organisation; and with partner API keys: one with
 * every scope, one with a single scope, a revoked one, an expired one and
 * another organisation's. What each may do follows from the access and the
 * scopes the procedure declares; a procedure without a declared access or
 * without a sample call below fails this test, so none can slip in unchecked.
 */
import { randomBytes } from "node:crypto";
import { type ApiKeyScope, apiKeyScopes } from "@tally/validators";
import type { AnyTRPCProcedure } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appRouter } from "./root.ts";
import {
  type Caller,
  createTestApi,
  TEST_PASSWORD,
  type TestApi,
  type TestOrganisation,
  type TestUser,
} from "./testing/index.ts";
import type { Access, Meta } from "./trpc.ts";

type Actor = "anonymous" | "member" | "admin" | "owner" | "outsider";
type Fixture = { api: TestApi; acme: TestOrganisation };
/** Builds the input for one call; `target` is the user whose things the input names. */
type Sample = (fixture: Fixture, target: TestUser) => Promise<unknown> | unknown;

const unique = () => randomBytes(4).toString("hex");

async function freshProduct({ acme }: Fixture) {
  return acme.caller.catalog.products.create({
    sku: `M-${unique()}`,
    name: "Matrix product",
    priceMinor: 100,
    currency: "USD",
  });
}

async function freshCustomer({ acme }: Fixture) {
  return acme.caller.customers.create({ name: `Customer ${unique()}` });
}

async function freshOrder(fixture: Fixture, { withItem = false } = {}) {
  const order = await fixture.acme.caller.orders.create({ customerId: (await freshCustomer(fixture)).id });
  if (!withItem) return order;
  const product = await fixture.acme.caller.catalog.products.create({
    sku: `O-${unique()}`,
    name: "Stocked",
    priceMinor: 250,
    currency: "USD",
    stock: 100,
  });
  return fixture.acme.caller.orders.addItem({
    orderId: order.id,
    version: order.version,
    productId: product.id,
    quantity: 1,
  });
}

/** Paying is a payment's doing; the matrix only needs an order in that state. */
async function paidOrder(fixture: Fixture) {
  const order = await fixture.acme.caller.orders.place({
    orderId: (await freshOrder(fixture, { withItem: true })).id,
  });
  await fixture.api.db.order.update({
    where: { id: order.id },
    data: { status: "paid", paidAt: new Date() },
  });
  return order;
}

async function placedOrder(fixture: Fixture) {
  return fixture.acme.caller.orders.place({ orderId: (await freshOrder(fixture, { withItem: true })).id });
}

/** An invitation queues an email: the outbox then has one of Acme's messages. */
async function emailFor(fixture: Fixture) {
  const invitation = await fixture.acme.caller.org.invitations.create({
    email: `mail-${unique()}@example.test`,
    role: "member",
  });
  return fixture.api.db.emailMessage.findFirstOrThrow({
    where: { invitationId: invitation.id },
    select: { id: true },
  });
}

async function freshEndpoint({ acme }: Fixture) {
  const { endpoint } = await acme.caller.webhooks.endpoints.create({
    url: `https://partner.example.com/${unique()}`,
    eventKinds: ["order.placed"],
  });
  return endpoint;
}

async function issuedInvoice(fixture: Fixture) {
  return fixture.acme.caller.invoices.issue({ orderId: (await placedOrder(fixture)).id });
}

const REPORT_FROM = new Date("2026-01-01T00:00:00Z");
const REPORT_TO = new Date("2026-02-01T00:00:00Z");

/** No worker runs here, so a report stays queued. */
async function queuedReport(fixture: Fixture) {
  return fixture.acme.caller.reports.create({
    kind: "sales",
    from: REPORT_FROM,
    to: REPORT_TO,
    groupBy: "day",
  });
}

/** A report as a worker leaves it: done, with its file. */
async function finishedReport({ api, acme }: Fixture) {
  return api.db.reportRun.create({
    data: {
      organizationId: acme.id,
      requestedById: acme.owner.id,
      kind: "sales",
      groupBy: "day",
      from: REPORT_FROM,
      to: REPORT_TO,
      status: "done",
      expiresAt: new Date(Date.now() + 86_400_000),
      file: { create: { organizationId: acme.id, csv: Buffer.from("day,day_label\r\n"), rows: 0 } },
    },
    select: { id: true },
  });
}

/** From a new organisation each time: accepting one makes its recipient a member, and they can join only once. */
async function invitationFor({ api }: Fixture, target: TestUser) {
  const host = await api.organisation("Host");
  return { invitationId: (await host.caller.org.invitations.create({ email: target.email })).id };
}

const samples: Record<string, Sample> = {
  "health.ping": () => ({ echo: "hi" }),
  "health.check": () => undefined,
  "account.me": () => undefined,
  "account.sessions.list": () => undefined,
  "account.sessions.revoke": async ({ api }, target) => {
    await api.auth.api.signInEmail({ body: { email: target.email, password: TEST_PASSWORD } });
    const spare = await api.db.session.findFirstOrThrow({
      where: { userId: target.id },
      orderBy: { createdAt: "desc" },
    });
    return { sessionId: spare.id };
  },
  "account.sessions.revokeOthers": () => undefined,
  "org.create": () => ({ name: "Spin-off", slug: `spin-off-${unique()}` }),
  "org.listMine": () => undefined,
  "org.setActive": ({ acme }) => ({ organizationId: acme.id }),
  "org.settings.get": () => undefined,
  "org.settings.update": () => ({ taxRateBasisPoints: 2000 }),
  "org.members.list": () => undefined,
  "org.members.updateRole": async ({ acme }) => ({
    memberId: (await acme.join("member")).memberId,
    role: "admin",
  }),
  "org.members.remove": async ({ acme }) => ({ memberId: (await acme.join("member")).memberId }),
  "org.invitations.create": () => ({ email: `invitee-${unique()}@example.test`, role: "member" }),
  "org.invitations.list": () => undefined,
  "org.invitations.revoke": async ({ acme }) => ({
    invitationId: (await acme.caller.org.invitations.create({ email: `revoked-${unique()}@example.test` }))
      .id,
  }),
  "org.invitations.get": (fixture, target) => invitationFor(fixture, target),
  "org.invitations.accept": (fixture, target) => invitationFor(fixture, target),
  "audit.list": () => ({ limit: 5 }),
  "catalog.products.list": () => ({ limit: 5 }),
  "catalog.products.get": async (fixture) => ({ id: (await freshProduct(fixture)).id }),
  "catalog.products.create": () => ({
    sku: `C-${unique()}`,
    name: "Created",
    priceMinor: 1,
    currency: "USD",
  }),
  "catalog.products.update": async (fixture) => ({
    id: (await freshProduct(fixture)).id,
    version: 1,
    patch: { name: "Renamed" },
  }),
  "catalog.products.archive": async (fixture) => ({ id: (await freshProduct(fixture)).id }),
  "catalog.products.restore": async (fixture) => ({ id: (await freshProduct(fixture)).id }),
  "customers.list": () => ({ limit: 5 }),
  "customers.get": async (fixture) => ({ id: (await freshCustomer(fixture)).id }),
  "customers.create": () => ({ name: "New customer" }),
  "customers.update": async (fixture) => ({
    id: (await freshCustomer(fixture)).id,
    version: 1,
    patch: { name: "Renamed" },
  }),
  "orders.list": () => ({ limit: 5 }),
  "orders.get": async (fixture) => ({ id: (await freshOrder(fixture)).id }),
  "orders.create": async (fixture) => ({ customerId: (await freshCustomer(fixture)).id }),
  "orders.addItem": async (fixture) => {
    const order = await freshOrder(fixture);
    return {
      orderId: order.id,
      version: order.version,
      productId: (await freshProduct(fixture)).id,
      quantity: 1,
    };
  },
  "orders.updateItem": async (fixture) => {
    const order = await freshOrder(fixture, { withItem: true });
    return { orderId: order.id, version: order.version, lineId: order.lines[0]?.id, quantity: 2 };
  },
  "orders.removeItem": async (fixture) => {
    const order = await freshOrder(fixture, { withItem: true });
    return { orderId: order.id, version: order.version, lineId: order.lines[0]?.id };
  },
  "orders.place": async (fixture) => ({ orderId: (await freshOrder(fixture, { withItem: true })).id }),
  "orders.cancel": async (fixture) => ({ orderId: (await freshOrder(fixture)).id }),
  "orders.fulfil": async (fixture) => ({ orderId: (await paidOrder(fixture)).id }),
  "invoices.list": () => ({ limit: 5 }),
  "invoices.count": () => ({}),
  "invoices.export": () => ({ status: "issued" }),
  "invoices.get": async (fixture) => ({ id: (await issuedInvoice(fixture)).id }),
  "invoices.pdf": async (fixture) => ({ id: (await issuedInvoice(fixture)).id }),
  "emails.list": () => ({}),
  "emails.preview": async (fixture) => ({ id: (await emailFor(fixture)).id }),
  "invoices.issue": async (fixture) => ({ orderId: (await placedOrder(fixture)).id }),
  "invoices.void": async (fixture) => ({ invoiceId: (await issuedInvoice(fixture)).id }),
  "payments.list": () => ({ limit: 5 }),
  "reports.list": () => ({ limit: 5 }),
  "reports.get": async (fixture) => ({ id: (await queuedReport(fixture)).id }),
  "reports.create": () => ({ kind: "sales", from: REPORT_FROM, to: REPORT_TO, groupBy: "day" }),
  "reports.cancel": async (fixture) => ({ id: (await queuedReport(fixture)).id }),
  "reports.download": async (fixture) => ({ id: (await finishedReport(fixture)).id }),
  "dashboard.overview": () => undefined,
  "dashboard.cash": () => undefined,
  "insights.reorderSoon": () => ({ limit: 5 }),
  "insights.invoicesAtRisk": () => ({ limit: 5 }),
  // Subscribing is the call checked here; what the stream then carries is tested in packages/host (event-hub.test.ts).
  "events.onChange": () => ({}),
  "apiKeys.list": () => undefined,
  "apiKeys.create": () => ({ name: "Matrix key", scopes: ["catalog:read"] }),
  "apiKeys.revoke": async ({ api, acme }) => ({ id: (await api.apiKey(acme.owner)).key.id }),
  "apiKeys.usage": async ({ api, acme }) => ({ id: (await api.apiKey(acme.owner)).key.id }),
  "webhooks.endpoints.list": () => undefined,
  "webhooks.endpoints.create": () => ({
    url: "https://partner.example.com/hooks",
    eventKinds: ["order.placed"],
  }),
  "webhooks.endpoints.update": async (fixture) => ({ id: (await freshEndpoint(fixture)).id, enabled: false }),
  "webhooks.endpoints.delete": async (fixture) => ({ id: (await freshEndpoint(fixture)).id }),
  "webhooks.deliveries.list": async (fixture) => ({ endpointId: (await freshEndpoint(fixture)).id }),
};

const RANK: Record<Access, number> = { public: 0, authed: 1, member: 2, admin: 3, owner: 4 };
const ACTOR_RANK: Record<Exclude<Actor, "outsider">, number> = {
  anonymous: 0,
  member: 2,
  admin: 3,
  owner: 4,
};

function expectedOutcome(
  access: Access,
  actor: Exclude<Actor, "outsider">,
): "ok" | "UNAUTHORIZED" | "FORBIDDEN" {
  if (ACTOR_RANK[actor] >= RANK[access]) return "ok";
  return actor === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);
const accessOf = (procedure: AnyTRPCProcedure) => (procedure._def.meta as Meta | undefined)?.access;

const scopesOf = (procedure: AnyTRPCProcedure) => (procedure._def.meta as Meta | undefined)?.scopes ?? [];

type KeyActor = "key" | "narrowKey" | "revokedKey" | "expiredKey" | "outsiderKey";
const NARROW_SCOPE: ApiKeyScope = "payments:read";

/** A live key acts as its creator narrowed to its scopes: it never reaches account procedures. */
function expectedForKey(
  procedure: AnyTRPCProcedure,
  creatorRole: "admin" | "owner",
  keyScopes: readonly ApiKeyScope[],
): "ok" | "FORBIDDEN" {
  const access = accessOf(procedure) ?? "owner";
  if (access === "public") return "ok";
  if (access === "authed") return "FORBIDDEN";
  if (!scopesOf(procedure).some((scope) => keyScopes.includes(scope))) return "FORBIDDEN";
  return RANK[creatorRole] >= RANK[access] ? "ok" : "FORBIDDEN";
}

let fixture: Fixture;
let keys: Record<KeyActor, Caller>;
let users: Record<Exclude<Actor, "anonymous">, TestUser & { home: string }>;

beforeAll(async () => {
  const api = await createTestApi();
  const acme = await api.organisation("Acme");
  const other = await api.organisation("Other Co");
  fixture = { api, acme };
  users = {
    owner: { ...acme.owner, home: acme.id },
    admin: { ...(await acme.join("admin")), home: acme.id },
    member: { ...(await acme.join("member")), home: acme.id },
    outsider: { ...other.owner, home: other.id },
  };
  const revoked = await api.apiKey(users.admin);
  await users.admin.caller.apiKeys.revoke({ id: revoked.key.id });
  const expired = await api.apiKey(users.admin, { expiresInDays: 1 });
  await api.db.apiKey.update({
    where: { id: expired.key.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  keys = {
    key: (await api.apiKey(users.admin)).caller,
    narrowKey: (await api.apiKey(users.admin, { scopes: [NARROW_SCOPE] })).caller,
    revokedKey: revoked.caller,
    expiredKey: expired.caller,
    outsiderKey: (await api.apiKey(other.owner)).caller,
  };
}, 120_000);
afterAll(() => fixture?.api.close());

async function call(path: string, actor: Actor | KeyActor, input: unknown) {
  const caller =
    actor === "anonymous"
      ? fixture.api.anonymous()
      : actor in keys
        ? keys[actor as KeyActor]
        : users[actor as Exclude<Actor, "anonymous">].caller;
  const procedure = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    return { ok: true as const, value: await (procedure as (input: unknown) => Promise<unknown>)(input) };
  } catch (error) {
    return { ok: false as const, code: (error as { code?: string }).code ?? String(error) };
  } finally {
    // Some calls switch the caller's organisation (create, accept); put it back for the next row.
    if (actor !== "anonymous" && !(actor in keys)) {
      const user = users[actor as Exclude<Actor, "anonymous">];
      await fixture.api.db.session.updateMany({
        where: { userId: user.id },
        data: { activeOrganizationId: user.home },
      });
    }
  }
}

/** Everything of Acme's that an outsider must never see or change. */
async function acmeSnapshot() {
  const where = { organizationId: fixture.acme.id };
  const { db } = fixture.api;
  return {
    products: await db.product.findMany({ where, orderBy: { id: "asc" } }),
    members: await db.member.findMany({ where, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ where, orderBy: { id: "asc" } }),
    sessions: await db.session.findMany({ where: { userId: users.owner.id }, orderBy: { id: "asc" } }),
    invoices: await db.invoice.findMany({ where, orderBy: { id: "asc" } }),
  };
}

test("every procedure declares its access and has a sample call in this matrix", () => {
  const undeclared = procedures.filter(([, procedure]) => !accessOf(procedure)).map(([path]) => path);
  const unsampled = procedures.filter(([path]) => !(path in samples)).map(([path]) => path);
  expect({ undeclared, unsampled }).toEqual({ undeclared: [], unsampled: [] });
  expect(procedures.length).toBeGreaterThanOrEqual(20);
});

describe.each(procedures)("%s", (path, procedure) => {
  const access = accessOf(procedure) ?? ("undeclared" as Access);

  test.each(["anonymous", "member", "admin", "owner"] as const)(
    `declared "${access}": as %s`,
    async (actor) => {
      const sample = samples[path];
      if (!sample) throw new Error(`no sample call for ${path}`);
      const target = actor === "anonymous" ? users.owner : users[actor];
      const outcome = await call(path, actor, await sample(fixture, target));
      const expected = expectedOutcome(access, actor);
      expect(outcome.ok ? "ok" : outcome.code).toBe(expected);
    },
  );

  test(`declared "${access}": as an owner of another organisation`, async () => {
    const sample = samples[path];
    if (!sample) throw new Error(`no sample call for ${path}`);
    const input = await sample(fixture, users.owner); // names Acme's things and Acme's owner's things
    const before = await acmeSnapshot();
    const outcome = await call(path, "outsider", input);

    const namesSomething =
      typeof input === "object" && input !== null && Object.keys(input).some((key) => /[iI]d$/.test(key));
    if (access === "public") expect(outcome.ok).toBe(true);
    else if (namesSomething && path !== "org.setActive")
      expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
    else if (path === "org.setActive") expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
    else expect(outcome).toMatchObject({ ok: true });

    const leaked = JSON.stringify(outcome.ok ? outcome.value : null);
    expect(leaked).not.toContain(fixture.acme.id);
    for (const product of before.products) expect(leaked).not.toContain(product.id);
    if (
      !path.startsWith("org.create") &&
      !path.startsWith("catalog.products.create") &&
      !path.startsWith("org.invitations.create")
    ) {
      expect(await acmeSnapshot()).toEqual(before);
    }
  });
});

describe.each(procedures)("%s with an API key", (path, procedure) => {
  const sample = samples[path];
  const run = async (actor: KeyActor, target = users.admin) => {
    if (!sample) throw new Error(`no sample call for ${path}`);
    const outcome = await call(path, actor, await sample(fixture, target));
    return outcome.ok ? "ok" : outcome.code;
  };

  test("with every scope, as the admin who made it", async () => {
    expect(await run("key")).toBe(expectedForKey(procedure, "admin", apiKeyScopes));
  });

  test(`with only ${NARROW_SCOPE}`, async () => {
    expect(await run("narrowKey")).toBe(expectedForKey(procedure, "admin", [NARROW_SCOPE]));
  });

  test("revoked or expired: refused before anything runs", async () => {
    expect(await run("revokedKey")).toBe("UNAUTHORIZED");
    expect(await run("expiredKey")).toBe("UNAUTHORIZED");
  });

  test("another organisation's key sees and changes nothing of Acme's", async () => {
    if (!sample) throw new Error(`no sample call for ${path}`);
    const input = await sample(fixture, users.owner);
    const before = await acmeSnapshot();
    const outcome = await call(path, "outsiderKey", input);
    const reachable = expectedForKey(procedure, "owner", apiKeyScopes);
    const namesSomething =
      typeof input === "object" && input !== null && Object.keys(input).some((key) => /[iI]d$/.test(key));
    if (reachable === "FORBIDDEN") expect(outcome).toMatchObject({ ok: false, code: "FORBIDDEN" });
    else if (namesSomething && accessOf(procedure) !== "public")
      expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
    else expect(outcome).toMatchObject({ ok: true });
    const leaked = JSON.stringify(outcome.ok ? outcome.value : null);
    expect(leaked).not.toContain(fixture.acme.id);
    for (const product of before.products) expect(leaked).not.toContain(product.id);
    if (!path.startsWith("customers.create") && !path.startsWith("orders.create"))
      expect(await acmeSnapshot()).toEqual(before);
  });
});

test("the scope table: which procedures a key may reach (a change here is a security review)", () => {
  const table = Object.fromEntries(
    procedures.filter(([, procedure]) => scopesOf(procedure).length).map(([path, p]) => [path, scopesOf(p)]),
  );
  expect(table).toEqual({
    "catalog.products.list": ["catalog:read"],
    "catalog.products.get": ["catalog:read"],
    "customers.list": ["customers:read"],
    "customers.get": ["customers:read"],
    "customers.create": ["customers:write"],
    "customers.update": ["customers:write"],
    "orders.list": ["orders:read"],
    "orders.get": ["orders:read"],
    "orders.create": ["orders:write"],
    "orders.addItem": ["orders:write"],
    "orders.updateItem": ["orders:write"],
    "orders.removeItem": ["orders:write"],
    "orders.place": ["orders:write"],
    "orders.fulfil": ["orders:write"],
    "orders.cancel": ["orders:write"],
    "invoices.list": ["invoices:read"],
    "invoices.count": ["invoices:read"],
    "invoices.export": ["invoices:read"],
    "invoices.get": ["invoices:read"],
    "invoices.pdf": ["invoices:read"],
    "payments.list": ["payments:read"],
    "webhooks.endpoints.list": ["webhooks:manage"],
    "webhooks.endpoints.create": ["webhooks:manage"],
    "webhooks.endpoints.update": ["webhooks:manage"],
    "webhooks.endpoints.delete": ["webhooks:manage"],
    "webhooks.deliveries.list": ["webhooks:manage"],
  });
});

test("the access table: who may call what (a change here is a security review)", () => {
  const table = Object.fromEntries(procedures.map(([path, procedure]) => [path, accessOf(procedure)]));
  expect(table).toEqual({
    "health.ping": "public",
    "health.check": "public",
    "account.me": "authed",
    "account.sessions.list": "authed",
    "account.sessions.revoke": "authed",
    "account.sessions.revokeOthers": "authed",
    "org.create": "authed",
    "org.listMine": "authed",
    "org.setActive": "authed",
    "org.settings.get": "member",
    "org.settings.update": "owner",
    "org.members.list": "member",
    "org.members.updateRole": "admin",
    "org.members.remove": "admin",
    "org.invitations.create": "admin",
    "org.invitations.list": "admin",
    "org.invitations.revoke": "admin",
    "org.invitations.get": "authed",
    "org.invitations.accept": "authed",
    "audit.list": "admin",
    "catalog.products.list": "member",
    "catalog.products.get": "member",
    "catalog.products.create": "admin",
    "catalog.products.update": "admin",
    "catalog.products.archive": "admin",
    "catalog.products.restore": "admin",
    "customers.list": "member",
    "customers.get": "member",
    "customers.create": "member",
    "customers.update": "member",
    "orders.list": "member",
    "orders.get": "member",
    "orders.create": "member",
    "orders.addItem": "member",
    "orders.updateItem": "member",
    "orders.removeItem": "member",
    "orders.place": "member",
    "orders.fulfil": "member",
    "orders.cancel": "admin",
    "invoices.list": "member",
    "invoices.count": "member",
    "invoices.export": "member",
    "invoices.get": "member",
    "invoices.pdf": "member",
    "invoices.issue": "admin",
    "invoices.void": "admin",
    "payments.list": "admin",
    "reports.list": "member",
    "reports.get": "member",
    "reports.create": "member",
    "reports.download": "member",
    "reports.cancel": "member",
    "emails.list": "admin",
    "emails.preview": "admin",
    "dashboard.overview": "member",
    "dashboard.cash": "admin",
    "insights.reorderSoon": "member",
    "insights.invoicesAtRisk": "member",
    "events.onChange": "member",
    "apiKeys.list": "admin",
    "apiKeys.create": "admin",
    "apiKeys.revoke": "admin",
    "apiKeys.usage": "admin",
    "webhooks.endpoints.list": "admin",
    "webhooks.endpoints.create": "admin",
    "webhooks.endpoints.update": "admin",
    "webhooks.endpoints.delete": "admin",
    "webhooks.deliveries.list": "admin",
  });
});
