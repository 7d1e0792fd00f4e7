/**
 * A partner manages its own webhook endpoints with its API key: the
 * `webhooks:manage` scope reaches the five routes under /webhooks/endpoints,
 * and nothing else does; another organisation's key finds none of them.
 */
import { relayEvents } from "@tally/api";
import {
  type BillingOrganisation,
  billingOrganisation,
  createTestApi,
  type TestApi,
} from "@tally/api/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRestHandler } from "./rest-handler.ts";

const LIMITS = { maxBatchSize: 50, maxBodyBytes: 64 * 1024 };

let api: TestApi;
let acme: BillingOrganisation;
let rest: (request: Request) => Promise<Response>;
let manager: string;

beforeAll(async () => {
  api = await createTestApi();
  acme = await billingOrganisation(api, "Hooked");
  manager = (await api.apiKey(acme.owner, { scopes: ["webhooks:manage"] })).secret;
  rest = createRestHandler({ db: api.db, auth: api.auth, limits: LIMITS, queue: api.queue });
}, 120_000);
afterAll(() => api?.close());

function send(method: string, path: string, key: string, body?: unknown) {
  return rest(
    new Request(`http://tally.test/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

type Endpoint = {
  id: string;
  url: string;
  eventKinds: string[];
  disabledAt: string | null;
  disabledReason: string | null;
};

async function register(url: string, key = manager) {
  const response = await send("POST", "/webhooks/endpoints", key, { url, eventKinds: ["order.placed"] });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<{ endpoint: Endpoint; secret: string }>(response);
}

describe("webhooks over REST", () => {
  test("register (the secret once), list, disable, enable, read deliveries, delete", async () => {
    const { endpoint, secret } = await register("https://erp.example.com/tally");
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({
      url: "https://erp.example.com/tally",
      eventKinds: ["order.placed"],
      disabledAt: null,
    });

    const listed = await send("GET", "/webhooks/endpoints", manager);
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(secret);
    expect((JSON.parse(text) as Endpoint[]).map((one) => one.id)).toContain(endpoint.id);

    const disabled = await json<Endpoint>(
      await send("PATCH", `/webhooks/endpoints/${endpoint.id}`, manager, { enabled: false }),
    );
    expect(disabled).toMatchObject({ id: endpoint.id, disabledReason: "Disabled by an admin" });
    expect(new Date(disabled.disabledAt ?? "").getTime()).toBeGreaterThan(0);
    const enabled = await json<Endpoint>(
      await send("PATCH", `/webhooks/endpoints/${endpoint.id}`, manager, {
        enabled: true,
        eventKinds: ["order.placed", "invoice.issued"],
      }),
    );
    expect(enabled).toMatchObject({ disabledAt: null, eventKinds: ["order.placed", "invoice.issued"] });

    const order = await acme.placedOrder();
    while ((await relayEvents(api.db, api.queue)) > 0) {}
    const page = await json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>(
      await send("GET", `/webhooks/endpoints/${endpoint.id}/deliveries?limit=5`, manager),
    );
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      expect.objectContaining({
        eventKind: "order.placed",
        status: "pending",
        attempts: 0,
        nextAttemptAt: null,
      }),
    ]);
    const stored = await api.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(page.items[0]?.createdAt).toBe(stored.createdAt.toISOString());
    expect(JSON.stringify(stored.payload)).toContain(order.id);

    const deleted = await send("DELETE", `/webhooks/endpoints/${endpoint.id}`, manager);
    expect(await json(deleted)).toEqual({ id: endpoint.id });
    expect(await api.db.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
    expect(await api.db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
  });

  test("a refused destination names the url field, and nothing is registered", async () => {
    const before = await api.db.webhookEndpoint.count({ where: { organizationId: acme.id } });
    const refused = await send("POST", "/webhooks/endpoints", manager, {
      url: "http://169.254.169.254/latest",
      eventKinds: ["order.placed"],
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await json(refused)).toMatchObject({
      code: "BAD_REQUEST",
      errors: [{ field: "url", message: "Deliveries to private or loopback addresses are not allowed" }],
    });
    const unknownKind = await send("POST", "/webhooks/endpoints", manager, {
      url: "https://erp.example.com/x",
      eventKinds: ["order.exploded"],
    });
    expect(unknownKind.status).toBe(400);
    expect(await json(unknownKind)).toMatchObject({
      errors: [expect.objectContaining({ field: "eventKinds.0" })],
    });
    expect(await api.db.webhookEndpoint.count({ where: { organizationId: acme.id } })).toBe(before);
  });

  test("a key without webhooks:manage is a 403 on every route, and changes nothing", async () => {
    const { endpoint } = await register("https://erp.example.com/kept");
    const { secret: ordersOnly } = await api.apiKey(acme.owner, { scopes: ["orders:read", "orders:write"] });
    const calls: Array<[string, string, unknown?]> = [
      ["GET", "/webhooks/endpoints"],
      ["POST", "/webhooks/endpoints", { url: "https://erp.example.com/new", eventKinds: ["order.placed"] }],
      ["PATCH", `/webhooks/endpoints/${endpoint.id}`, { enabled: false }],
      ["DELETE", `/webhooks/endpoints/${endpoint.id}`],
      ["GET", `/webhooks/endpoints/${endpoint.id}/deliveries`],
    ];
    for (const [method, path, body] of calls) {
      const refused = await send(method, path, ordersOnly, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(await json(refused)).toMatchObject({
        detail: "This API key needs one of these scopes: webhooks:manage",
      });
    }
    expect(await api.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      url: "https://erp.example.com/kept",
      disabledAt: null,
    });
    expect(await api.db.webhookEndpoint.count({ where: { url: "https://erp.example.com/new" } })).toBe(0);
  });

  test("a key whose creator is no longer an admin is refused like its creator", async () => {
    const admin = await acme.join("admin");
    const { secret: adminsKey } = await api.apiKey(admin, { scopes: ["webhooks:manage"] });
    expect((await send("GET", "/webhooks/endpoints", adminsKey)).status).toBe(200);
    await acme.owner.caller.org.members.updateRole({ memberId: admin.memberId, role: "member" });
    const refused = await send("GET", "/webhooks/endpoints", adminsKey);
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ detail: "Only an admin can do this" });
  });

  test("another organisation's key lists none of ours and finds none by id", async () => {
    const { endpoint } = await register("https://erp.example.com/ours");
    const other = await billingOrganisation(api, "Elsewhere");
    const { secret: theirs } = await api.apiKey(other.owner, { scopes: ["webhooks:manage"] });
    const { endpoint: their } = await register("https://other.example.com/theirs", theirs);
    const listed = await json<Endpoint[]>(await send("GET", "/webhooks/endpoints", theirs));
    expect(listed.map((one) => one.id)).toEqual([their.id]);
    for (const [method, path, body] of [
      ["PATCH", `/webhooks/endpoints/${endpoint.id}`, { enabled: false }],
      ["DELETE", `/webhooks/endpoints/${endpoint.id}`, undefined],
      ["GET", `/webhooks/endpoints/${endpoint.id}/deliveries`, undefined],
    ] as const) {
      expect((await send(method, path, theirs, body)).status, `${method} ${path}`).toBe(404);
    }
    expect(await api.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      disabledAt: null,
    });
  });
});
