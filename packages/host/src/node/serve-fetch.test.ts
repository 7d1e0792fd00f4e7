import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type BillingOrganisation,
  billingOrganisation,
  createTestApi,
  type TestApi,
} from "@tally/api/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createInvoiceExportHandler } from "../exports/invoice-export.ts";
import { signedDelivery, testPaymentEvent } from "../webhooks/payment-test-events.ts";
import { createPaymentWebhookHandler } from "../webhooks/payment-webhook.ts";
import { type FetchHandler, serveFetch } from "./serve-fetch.ts";

const SECRET = "node-bridge-test-secret-0123456789ab";

let api: TestApi;
let acme: BillingOrganisation;
let server: Server;
let baseUrl: string;

/** A bare node:http server mounting the handlers the way apps/server does. */
beforeAll(async () => {
  api = await createTestApi();
  acme = await billingOrganisation(api);
  const routes: Record<string, FetchHandler> = {
    "/invoices/export.csv": createInvoiceExportHandler({ db: api.db, auth: api.auth, batchSize: 2 }),
    "/webhooks/payments": createPaymentWebhookHandler({
      db: api.db,
      config: { secret: SECRET, toleranceSeconds: 300 },
    }),
    "/broken": () => Promise.reject(new Error("handler bug")),
  };
  server = createServer((req, res) => {
    const handler = routes[req.url?.split("?", 1)[0] ?? ""];
    if (handler) void serveFetch(handler, req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await api?.close();
});

test("a webhook's signature checks out over node:http: the handler sees the exact bytes sent", async () => {
  const invoice = await acme.issuedInvoice();
  const { body, headers } = signedDelivery(
    SECRET,
    testPaymentEvent({ invoiceId: invoice.id, amountMinor: invoice.totalMinor }),
  );
  const response = await fetch(`${baseUrl}/webhooks/payments`, { method: "POST", body, headers });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ received: true, outcome: "applied" });
  expect((await acme.caller.invoices.get({ id: invoice.id })).status).toBe("paid");
});

test("the CSV download streams through node:http with its headers, and a refusal stays JSON", async () => {
  for (let i = 0; i < 3; i++) await acme.issuedInvoice();
  const response = await fetch(`${baseUrl}/invoices/export.csv?status=issued`, {
    headers: { authorization: `Bearer ${acme.owner.token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="invoices-/);
  expect(response.headers.get("content-length")).toBeNull(); // streamed (chunked), not buffered
  const lines = (await response.text()).trimEnd().split("\r\n");
  expect(lines).toHaveLength(4);

  const refused = await fetch(`${baseUrl}/invoices/export.csv`);
  expect(refused.status).toBe(401);
  expect(await refused.json()).toEqual({ error: expect.any(String) });
});

test("a handler that throws is a 500 with no details, and the server keeps serving", async () => {
  const response = await fetch(`${baseUrl}/broken`);
  expect(response.status).toBe(500);
  expect(await response.json()).toEqual({ error: "Internal server error" });
  expect((await fetch(`${baseUrl}/webhooks/payments`)).status).toBe(405);
});
