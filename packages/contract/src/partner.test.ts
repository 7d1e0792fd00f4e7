/**
 * The partner story, told the way a partner's developer would: download the
 * document, generate a client from it (openapi-typescript + openapi-fetch:
 * @tally/partner-client), and with an API key list products, create a
 * customer and a draft, add items, place it with an idempotency key and read
 * the invoice, against apps/server and against the Next.js app, on one
 * database; and registers a receiver of its own through REST, which gets the
 * signed `order.placed` delivery (apps/server's workers relay it) and
 * verifies it with the secret registration returned, while the delivery log
 * over REST says it was delivered.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createTallyClient } from "@tally/client";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { partnerOpenApiDocument, verifyPaymentSignature, WEBHOOK_HEADERS } from "@tally/host";
import { rememberSecret } from "@tally/host/testing";
import type { paths } from "@tally/partner-client";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Host, startServer, startWeb } from "./hosts.ts";

const partnerClientDir = fileURLToPath(new URL("../../partner-client/", import.meta.url));
const PASSWORD = "partner-story-password-1";

let server: Host;
let web: Host;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
let seller: ReturnType<typeof createTallyClient>;
let secret: string;
let product: { id: string; stock: number };
let receiver: Server;
let receiverUrl: string;
/** Returned once, when the partner registered its endpoint (the first test). */
let webhookSecret: string;
let endpointId: string;
const arrivals: Array<{ signature: string | null; body: string }> = [];

/** The partner's own endpoint: keeps what arrives, answers 204. */
async function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const signature = req.headers[WEBHOOK_HEADERS.signature];
      arrivals.push({
        signature: typeof signature === "string" ? signature : null,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(204).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tally-events`;
}

/** The delivery of `kind` about `recordId`, once apps/server's worker has sent it. */
async function arrivalFor(kind: string, recordId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = arrivals.find(({ body }) => {
      const event = JSON.parse(body) as { kind?: string; recordId?: string };
      return event.kind === kind && event.recordId === recordId;
    });
    if (found) return found;
    await sleep(200);
  }
  throw new Error(`no ${kind} delivery for ${recordId} within ${timeoutMs} ms`);
}

/** What `read` returns once it returns something, within a few seconds. */
async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await sleep(200);
  }
}

beforeAll(async () => {
  const env: Record<string, string> = {
    BETTER_AUTH_SECRET: "partner-story-secret-0123456789abcdefghij",
    // The receiver runs on this machine; production refuses loopback destinations.
    TALLY_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
  };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url ?? "";
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-partner-"));
    Object.assign(env, { TALLY_DATA_DIR: dataDir, DATABASE_URL: "" });
  }
  server = await startServer(env);
  web = await startWeb(env);

  // The seller: an owner with a stocked product, who makes the partner a key.
  rememberSecret("password", PASSWORD);
  const signUp = await fetch(`${server.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.baseUrl },
    body: JSON.stringify({ name: "Seller", email: "seller@partner-story.test", password: PASSWORD }),
  });
  const { token } = (await signUp.json()) as { token: string };
  rememberSecret("session", token);
  seller = createTallyClient({ url: server.trpcUrl, headers: () => ({ authorization: `Bearer ${token}` }) });
  await seller.org.create.mutate({ name: "Seller Ltd", slug: "seller-ltd" });
  product = await seller.catalog.products.create.mutate({
    sku: "PARTNER-1",
    name: "Partner widget",
    priceMinor: 1250,
    currency: "USD",
    stock: 50,
  });
  const created = await seller.apiKeys.create.mutate({
    name: "Partner ERP",
    scopes: [
      "catalog:read",
      "customers:write",
      "orders:read",
      "orders:write",
      "invoices:read",
      "webhooks:manage",
    ],
  });
  secret = created.secret;
  rememberSecret("api key", secret);
  receiverUrl = await startReceiver();
}, 240_000);

afterAll(async () => {
  receiver?.close();
  await web?.stop();
  await server?.stop();
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the committed document is the one the routers make, and its client is what openapi-typescript generates", () => {
  const committed = JSON.parse(readFileSync(join(partnerClientDir, "generated/openapi.json"), "utf8"));
  expect(committed).toEqual(JSON.parse(JSON.stringify(partnerOpenApiDocument())));
  const generated = execFileSync(
    process.execPath,
    [join(partnerClientDir, "node_modules/openapi-typescript/bin/cli.js"), "generated/openapi.json"],
    { cwd: partnerClientDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  expect(readFileSync(join(partnerClientDir, "generated/tally-api.d.ts"), "utf8")).toBe(generated);
});

test("the partner registers its own receiver over REST with its key, and gets the signing secret once", async () => {
  const api = createClient<paths>({
    baseUrl: `${server.baseUrl}/api/v1`,
    headers: { authorization: `Bearer ${secret}` },
  });
  const refused = await api.POST("/webhooks/endpoints", {
    body: { url: "http://10.1.2.3/hooks", eventKinds: ["order.placed"] },
  });
  expect(refused.response.status).toBe(400);
  expect(refused.error).toMatchObject({ errors: [{ field: "url" }] });

  const registered = await api.POST("/webhooks/endpoints", {
    body: { url: receiverUrl, eventKinds: ["order.placed"], description: "Partner ERP" },
  });
  expect(registered.response.status).toBe(200);
  webhookSecret = registered.data?.secret ?? "";
  endpointId = registered.data?.endpoint.id ?? "";
  rememberSecret("webhook secret", webhookSecret);
  expect(webhookSecret).toMatch(/^whsec_/);
  expect(registered.data?.endpoint).toMatchObject({
    url: receiverUrl,
    eventKinds: ["order.placed"],
    disabledAt: null,
  });

  const listed = await api.GET("/webhooks/endpoints");
  expect(listed.data?.map((endpoint) => endpoint.id)).toEqual([endpointId]);
  expect(JSON.stringify(listed.data)).not.toContain(webhookSecret);
  // The seller sees the partner's endpoint among the organisation's own.
  expect((await seller.webhooks.endpoints.list.query()).map((endpoint) => endpoint.id)).toEqual([endpointId]);
});

describe.each(["server", "web"] as const)("a partner on %s", (hostName) => {
  const host = () => (hostName === "server" ? server : web);
  const partner = () =>
    createClient<paths>({
      baseUrl: `${host().baseUrl}/api/v1`,
      headers: { authorization: `Bearer ${secret}` },
    });

  test("downloads the document the client was generated from", async () => {
    const response = await fetch(`${host().baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const committed = JSON.parse(readFileSync(join(partnerClientDir, "generated/openapi.json"), "utf8"));
    expect(await response.json()).toEqual(committed);
  });

  test("lists products, orders for a new customer, places once with an idempotency key, reads the invoice", async () => {
    const api = partner();
    const products = await api.GET("/products", { params: { query: { search: "Partner" } } });
    expect(products.response.status).toBe(200);
    expect(products.data?.items.map((item) => item.id)).toEqual([product.id]);
    const stockBefore = products.data?.items[0]?.stock ?? 0;

    const customer = await api.POST("/customers", { body: { name: `Buyer on ${hostName}` } });
    expect(customer.response.status).toBe(200);
    const customerId = customer.data?.id ?? "";

    const draft = await api.POST("/orders", { body: { customerId } });
    expect(draft.data).toMatchObject({ status: "draft", customer: { id: customerId } });
    const orderId = draft.data?.id ?? "";

    const withItems = await api.POST("/orders/{orderId}/items", {
      params: { path: { orderId } },
      body: { version: draft.data?.version ?? 0, productId: product.id, quantity: 2 },
    });
    expect(withItems.data).toMatchObject({
      totalMinor: 2500,
      lines: [{ productId: product.id, quantity: 2 }],
    });

    const idempotencyKey = `partner-${hostName}-${orderId}`;
    const place = () =>
      api.POST("/orders/{orderId}/place", {
        params: { path: { orderId }, header: { "idempotency-key": idempotencyKey } },
        body: {},
      });
    const placed = await place();
    expect(placed.response.status).toBe(200);
    expect(placed.data?.status).toBe("placed");
    const retried = await place();
    expect(retried.data).toEqual(placed.data);
    const after = await api.GET("/products/{id}", { params: { path: { id: product.id } } });
    expect(after.data?.stock).toBe(stockBefore - 2);

    // Invoicing is the seller's decision; the partner then reads what it was billed.
    const issued = await seller.invoices.issue.mutate({ orderId });
    const order = await api.GET("/orders/{id}", { params: { path: { id: orderId } } });
    expect(order.data?.invoices).toEqual([{ id: issued.id, number: issued.number, status: "issued" }]);
    const invoice = await api.GET("/invoices/{id}", { params: { path: { id: issued.id } } });
    expect(invoice.data).toMatchObject({
      id: issued.id,
      status: "issued",
      totalMinor: 2500,
      order: { id: orderId, customer: { id: customerId } },
    });
    expect(invoice.data?.issuedAt).toBe(issued.issuedAt.toISOString());

    // Meanwhile the partner's endpoint was told, signed as Tally's payment provider signs for Tally.
    const arrival = await arrivalFor("order.placed", orderId);
    const check = verifyPaymentSignature({
      header: arrival.signature,
      rawBody: Buffer.from(arrival.body),
      secret: webhookSecret,
      toleranceSeconds: 300,
    });
    expect(check.valid).toBe(true);
    expect(JSON.parse(arrival.body)).toMatchObject({
      kind: "order.placed",
      recordId: orderId,
      data: { status: "placed", totalMinor: 2500, customerId },
    });
    // And its delivery log says so; the 204 is recorded just after the receiver answered it.
    const eventId = (JSON.parse(arrival.body) as { id: string }).id;
    const delivered = await eventually(async () => {
      const log = await api.GET("/webhooks/endpoints/{endpointId}/deliveries", {
        params: { path: { endpointId }, query: { limit: 10 } },
      });
      return log.data?.items.find((item) => item.eventId === eventId && item.status === "succeeded");
    });
    expect(delivered).toMatchObject({ eventKind: "order.placed", attempts: 1, lastStatusCode: 204 });
  });

  test("reads the reference at /api/v1/docs, its script served by the host itself", async () => {
    const page = await fetch(`${host().baseUrl}/api/v1/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/api/v1/docs/scalar.js">');
    const bundle = await fetch(`${host().baseUrl}/api/v1/docs/scalar.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  test("a wrong field is a problem naming it; a scope it lacks is a 403", async () => {
    const api = partner();
    const refused = await api.POST("/customers", { body: { name: "" } });
    expect(refused.response.status).toBe(400);
    expect(refused.response.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.error).toMatchObject({ code: "BAD_REQUEST", errors: [{ field: "name" }] });
    const payments = await api.GET("/payments");
    expect(payments.response.status).toBe(403);
  });
});
