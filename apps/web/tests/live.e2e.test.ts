import { randomBytes, randomUUID } from "node:crypto";
import { createTallyClient, type TallyClient } from "@tally/client";
import { SIGNATURE_HEADER, signPaymentEvent } from "@tally/host";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { orderReference } from "../src/features/orders/order";
import { demoOwner, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * Issue 14's acceptance story: two people of one organisation in two
 * browsers. What one does, and what the payment provider reports, shows on
 * the other's screen within two seconds, without a reload (SSE through the
 * web app's own endpoint).
 */
const demoMember = { email: "bob@demo.tally.test", password: "tally-demo-password" };
const webhookSecret = randomBytes(32).toString("hex");

let database: TestDatabase;
let server: WebServer;
let alice: TestBrowser;
let bob: TestBrowser;
let pageA: Page;
let pageB: Page;
let api: TallyClient;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer({ ...database.env, PAYMENTS_WEBHOOK_SECRET: webhookSecret });
  [alice, bob] = await Promise.all([launchBrowser(), launchBrowser()]);
  [pageA, pageB] = await Promise.all([alice.context.newPage(), bob.context.newPage()]);
  await signInThroughPage(pageA, server.url, demoOwner);
  await signInThroughPage(pageB, server.url, demoMember);
  const token = await signInForToken(server.url, demoOwner);
  api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
}, 180_000);

afterAll(async () => {
  try {
    await Promise.all([alice?.close(), bob?.close()]);
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

/** The page's live stream is up: what happens from now on reaches it. */
const streaming = (page: Page) => page.locator('[data-live="connected"]').waitFor({ state: "attached" });

async function draftWithOneItem() {
  const customer = await api.customers.create.mutate({ name: `Live buyer ${randomUUID().slice(0, 6)}` });
  const { items } = await api.catalog.products.list.query({ limit: 20 });
  const product = items.find((item) => item.stock > 10 && !item.archivedAt);
  if (!product) throw new Error("the demo catalogue has no product in stock");
  const draft = await api.orders.create.mutate({ customerId: customer.id });
  return api.orders.addItem.mutate({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity: 1,
  });
}

describe("two people of one organisation", () => {
  test("A places an order and B's orders list shows it placed within 2 s, without a reload", {
    timeout: 120_000,
  }, async () => {
    const draft = await draftWithOneItem();
    await pageB.goto(`${server.url}/orders`);
    await streaming(pageB);
    const row = pageB.getByRole("row").filter({
      has: pageB.getByRole("link", { name: orderReference(draft.id), exact: true }),
    });
    await row.waitFor();

    await pageA.goto(`${server.url}/orders/${draft.id}`);
    const place = pageA.getByRole("button", { name: "Place order" });
    await place.waitFor();
    await streaming(pageA); // hydrated
    const placedAt = Date.now();
    await place.click();
    await row.getByText("Placed", { exact: true }).waitFor({ timeout: 2_000 });
    expect(Date.now() - placedAt).toBeLessThan(2_000);
    expect(pageB.url()).toBe(`${server.url}/orders`);
  });

  test("a signed payment webhook: B's invoice page turns Paid within 2 s, without a reload", {
    timeout: 120_000,
  }, async () => {
    const draft = await draftWithOneItem();
    const placed = await api.orders.place.mutate({ orderId: draft.id });
    const invoice = await api.invoices.issue.mutate({ orderId: placed.id });
    await pageB.goto(`${server.url}/invoices/${invoice.id}`);
    await pageB.locator(".page-heading .status", { hasText: "Issued" }).waitFor();
    await streaming(pageB);

    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: "payment.succeeded",
      created: Math.floor(Date.now() / 1000),
      data: {
        invoiceId: invoice.id,
        paymentId: `pay_${randomUUID()}`,
        amountMinor: invoice.totalMinor,
        currency: invoice.currency,
      },
    });
    const sentAt = Date.now();
    const delivery = await fetch(`${server.url}/api/webhooks/payments`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signPaymentEvent(webhookSecret, body),
      },
      body,
    });
    expect(delivery.status, await delivery.clone().text()).toBe(200);
    await pageB.locator(".page-heading .status", { hasText: "Paid" }).waitFor({ timeout: 2_000 });
    expect(Date.now() - sentAt).toBeLessThan(2_000);
  });
});
