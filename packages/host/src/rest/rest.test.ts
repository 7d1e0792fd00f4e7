import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { validate } from "@readme/openapi-parser";
import {
  type BillingOrganisation,
  billingOrganisation,
  createTestApi,
  type TestApi,
} from "@tally/api/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { partnerOpenApiDocument } from "./openapi-document.ts";
import { createNodeRestHandler, createRestHandler } from "./rest-handler.ts";

const LIMITS = { maxBatchSize: 50, maxBodyBytes: 64 * 1024 };

let api: TestApi;
let acme: BillingOrganisation;
let rest: (request: Request) => Promise<Response>;
let secret: string;

beforeAll(async () => {
  api = await createTestApi();
  acme = await billingOrganisation(api);
  secret = (await api.apiKey(acme.owner)).secret;
}, 120_000);
afterAll(() => api?.close());

/** The two ways a host serves the API: the web app's fetch handler, and apps/server's own over node:http. */
const hosts: Record<string, () => Promise<{ rest: typeof rest; close(): Promise<void> }>> = {
  "the fetch handler (web)": async () => ({
    rest: createRestHandler({ db: api.db, auth: api.auth, limits: LIMITS, queue: api.queue }),
    close: async () => {},
  }),
  "the node:http handler (apps/server)": async () => {
    const handler = createNodeRestHandler({ db: api.db, auth: api.auth, limits: LIMITS, queue: api.queue });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      rest: async (request) => {
        const url = new URL(request.url);
        const body = request.body ? await request.arrayBuffer() : undefined;
        return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
          method: request.method,
          headers: request.headers,
          ...(body ? { body } : {}),
        });
      },
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
};

function send(method: string, path: string, { key = secret, body, headers = {} }: SendOptions = {}) {
  return rest(
    new Request(`http://tally.test/api/v1${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    }),
  );
}
type SendOptions = { key?: string | null; body?: unknown; headers?: Record<string, string> };

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe.each(Object.keys(hosts))("served by %s", (host) => {
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ rest, close } = await (hosts[host] as (typeof hosts)[string])());
  });
  afterAll(() => close());

  describe("the procedures as REST", () => {
    test("a product reads back as JSON with ISO dates", async () => {
      const response = await send("GET", `/products/${acme.product.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const product = await json(response);
      expect(product).toMatchObject({ id: acme.product.id, priceMinor: 1000, currency: "USD" });
      expect(product.createdAt).toBe(acme.product.createdAt.toISOString());
    });

    test("lists take their filters and page size from the query string", async () => {
      const page = await json<{ items: Array<{ id: string }>; nextCursor: string | null }>(
        await send("GET", "/products?limit=1&search=Widget"),
      );
      expect(page.items.map((item) => item.id)).toEqual([acme.product.id]);
    });

    test("a query value with a question mark in it arrives whole", async () => {
      const tag = randomUUID().slice(0, 8);
      const odd = await acme.owner.caller.catalog.products.create({
        sku: `ASK-${tag}`,
        name: `Why? ${tag}`,
        priceMinor: 5,
        currency: "USD",
      });
      const page = await json<{ items: Array<{ id: string }> }>(
        await send("GET", `/products?search=Why?%20${tag}&limit=5`),
      );
      expect(page.items.map((item) => item.id)).toEqual([odd.id]);
    });

    test('a boolean query parameter reads "false" as false', async () => {
      const archived = await acme.owner.caller.catalog.products.create({
        sku: `OLD-${randomUUID().slice(0, 8)}`,
        name: "Retired widget",
        priceMinor: 5,
        currency: "USD",
      });
      await acme.owner.caller.catalog.products.archive({ id: archived.id });
      const ids = async (query: string) =>
        (await json<{ items: Array<{ id: string }> }>(await send("GET", `/products?${query}`))).items.map(
          (item) => item.id,
        );
      expect(await ids("includeArchived=false")).not.toContain(archived.id);
      expect(await ids("includeArchived=true")).toContain(archived.id);
    });

    test("a partner creates a customer, a draft, adds a line and places it once with an Idempotency-Key", async () => {
      const customer = await json(await send("POST", "/customers", { body: { name: "Partner Ltd" } }));
      expect(customer).toMatchObject({ name: "Partner Ltd", email: null });
      const draft = await json(await send("POST", "/orders", { body: { customerId: customer.id } }));
      expect(draft).toMatchObject({ status: "draft", lines: [] });
      const withLine = await json(
        await send("POST", `/orders/${draft.id}/items`, {
          body: { version: draft.version, productId: acme.product.id, quantity: 3 },
        }),
      );
      expect(withLine).toMatchObject({ totalMinor: 3000, lines: [{ quantity: 3 }] });
      const stockBefore = (await api.db.product.findUniqueOrThrow({ where: { id: acme.product.id } })).stock;
      const key = randomUUID();
      const placing = () =>
        send("POST", `/orders/${draft.id}/place`, { body: {}, headers: { "idempotency-key": key } });
      const [first, retry] = [await placing(), await placing()];
      expect(first.status).toBe(200);
      const placed = await json(first);
      expect(placed).toMatchObject({ status: "placed" });
      expect(await json(retry)).toEqual(placed);
      const stock = await api.db.product.findUniqueOrThrow({ where: { id: acme.product.id } });
      expect(stock.stock).toBe(stockBefore - 3);
    });

    test("invoices list, read and download as CSV; payments list", async () => {
      const invoice = await acme.issuedInvoice({ quantity: 2 });
      const read = await json(await send("GET", `/invoices/${invoice.id}`));
      expect(read).toMatchObject({ id: invoice.id, totalMinor: 2000, status: "issued" });
      expect(read.issuedAt).toBe(invoice.issuedAt.toISOString());
      const list = await json<{ items: Array<{ id: string }> }>(await send("GET", "/invoices?status=issued"));
      expect(list.items.map((item) => item.id)).toContain(invoice.id);
      const csv = await send("GET", "/invoices/export.csv?status=issued");
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(await csv.text()).toContain(String(invoice.number));
      const payments = await send("GET", "/payments");
      expect(payments.status).toBe(200);
      expect(await json(payments)).toMatchObject({ items: [], nextCursor: null });
    });
  });

  describe("refusals are problem+json", () => {
    test("bad input names the wrong field, and nothing is created", async () => {
      const before = await api.db.order.count();
      const response = await send("POST", "/orders", { body: { customerId: "" } });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = await json(response);
      expect(problem).toMatchObject({ status: 400, code: "BAD_REQUEST", title: "Bad Request" });
      expect(problem.errors).toEqual([{ field: "customerId", message: expect.any(String) }]);
      expect(await api.db.order.count()).toBe(before);
    });

    test("a wrong query parameter is named too", async () => {
      const problem = await json(await send("GET", "/products?limit=5000"));
      expect(problem).toMatchObject({ status: 400, errors: [{ field: "limit" }] });
    });

    test("a body that is not JSON is a 400", async () => {
      const response = await send("POST", "/customers", { body: "{nope" });
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ code: "PARSE_ERROR" });
    });

    test("a body over the size limit is a 413, and nothing is created", async () => {
      const before = await api.db.customer.count();
      const response = await send("POST", "/customers", {
        body: { name: "x".repeat(LIMITS.maxBodyBytes), email: "big@example.test" },
      });
      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await json(response)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
      expect(await api.db.customer.count()).toBe(before);
    });

    test("a body that is not JSON by its content type is a 415", async () => {
      const response = await send("POST", "/customers", {
        body: "name=Acme",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(response.status).toBe(415);
      expect(await json(response)).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    });

    test("no key is a 401, an unknown or revoked one too, at once", async () => {
      expect((await send("GET", "/products", { key: null })).status).toBe(401);
      expect((await send("GET", "/products", { key: `tally_${"x".repeat(32)}` })).status).toBe(401);
      const { key, secret: doomed } = await api.apiKey(acme.owner);
      expect((await send("GET", "/products", { key: doomed })).status).toBe(200);
      await acme.owner.caller.apiKeys.revoke({ id: key.id });
      const refused = await send("GET", "/products", { key: doomed });
      expect(refused.status).toBe(401);
      expect(await json(refused)).toMatchObject({ code: "UNAUTHORIZED", detail: "This API key was revoked" });
    });

    test("a key without the scope is a 403 naming the scope it needs", async () => {
      const { secret: catalogOnly } = await api.apiKey(acme.owner, { scopes: ["catalog:read"] });
      expect((await send("GET", "/products", { key: catalogOnly })).status).toBe(200);
      const refused = await send("GET", "/invoices", { key: catalogOnly });
      expect(refused.status).toBe(403);
      expect(await json(refused)).toMatchObject({
        detail: "This API key needs one of these scopes: invoices:read",
      });
      expect((await send("GET", "/invoices/export.csv", { key: catalogOnly })).status).toBe(403);
    });

    test("another organisation's records are a 404, and its key sees none of ours", async () => {
      const other = await billingOrganisation(api, "Other");
      const { secret: otherKey } = await api.apiKey(other.owner);
      expect((await send("GET", `/products/${acme.product.id}`, { key: otherKey })).status).toBe(404);
      const draft = await acme.draftOrder();
      expect((await send("POST", `/orders/${draft.id}/place`, { key: otherKey, body: {} })).status).toBe(404);
      expect((await api.db.order.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("draft");
      const theirs = await json<{ items: Array<{ id: string }> }>(
        await send("GET", "/products", { key: otherKey }),
      );
      expect(theirs.items.map((item) => item.id)).toEqual([other.product.id]);
    });

    test("an unknown route is a 404 problem", async () => {
      const response = await send("GET", "/nothing-here");
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    });
  });

  describe("the document", () => {
    test("is served at /openapi.json and passes an independent OpenAPI 3.1 validator", async () => {
      const served = await json(await send("GET", "/openapi.json", { key: null }));
      expect(served).toEqual(JSON.parse(JSON.stringify(partnerOpenApiDocument())));
      expect(served.openapi).toMatch(/^3\.1\./);
      const result = await validate(structuredClone(served) as never);
      expect(result.valid ? [] : result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    test("lists every partner route, dates as date-time strings", () => {
      const document = partnerOpenApiDocument();
      const routes = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
        Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(routes.sort()).toEqual(
        [
          "GET /customers",
          "GET /customers/{id}",
          "GET /invoices",
          "GET /invoices/export.csv",
          "GET /invoices/{id}",
          "GET /orders",
          "GET /orders/{id}",
          "GET /payments",
          "GET /products",
          "GET /products/{id}",
          "POST /customers",
          "POST /orders",
          "POST /orders/{orderId}/items",
          "POST /orders/{orderId}/place",
          "GET /webhooks/endpoints",
          "POST /webhooks/endpoints",
          "PATCH /webhooks/endpoints/{id}",
          "DELETE /webhooks/endpoints/{id}",
          "GET /webhooks/endpoints/{endpointId}/deliveries",
        ].sort(),
      );
      const product = JSON.stringify(document.components?.schemas?.Product);
      expect(product).toContain('"createdAt":{"type":"string","format":"date-time"}');
    });

    test("the docs page is served from this host's own assets", async () => {
      const page = await send("GET", "/docs", { key: null });
      const html = await page.text();
      expect(html).toContain('<script src="/api/v1/docs/scalar.js">');
      expect(html).not.toMatch(/https?:\/\//);
      const bundle = await send("GET", "/docs/scalar.js", { key: null });
      expect(bundle.status).toBe(200);
      expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
      const start = await (await send("GET", "/docs/start.js", { key: null })).text();
      expect(start).toContain('url: "/api/v1/openapi.json"');
      expect(start).toContain("withDefaultFonts: false");
    });
  });
});
