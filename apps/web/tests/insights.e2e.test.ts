import { randomBytes } from "node:crypto";
import { connect, createServer, type Server } from "node:net";
import { createTallyClient } from "@tally/client";
import {
  type RunningService,
  requireDebianPython,
  startInsightsService,
} from "@tally/insights-contract/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoOwner, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * The insight panels on the dashboard, in the browser. The web app is
 * configured with an insights address where, at first, nothing listens (the
 * service is stopped): the dashboard must render with both panels saying
 * "unavailable" within the deadline, and every other page must work. Then the
 * real Python service comes up behind that address, and the panels list what
 * it forecasts, linking to the product and the invoice.
 */
const TIMEOUT_MS = 1_500;

let database: TestDatabase;
let server: WebServer;
let browser: TestBrowser;
let service: RunningService;
let port: number;
let relay: Server | null = null;
/** A product the demo organisation sells fast, made through the API before the pages are visited. */
let sku: string;

/** A TCP relay on `port` to the real service: "starting the service" at the address the app knows. */
function startRelay(target: URL): Promise<void> {
  relay = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname, () => client.pipe(upstream).pipe(client));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  return new Promise((resolve) => relay?.listen(port, "127.0.0.1", resolve));
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

beforeAll(async () => {
  await requireDebianPython();
  port = await closedPort();
  [database, service] = await Promise.all([createTestDatabase(), startInsightsService()]);
  server = await startWebServer({
    ...database.env,
    INSIGHTS_URL: `http://127.0.0.1:${port}`,
    INSIGHTS_SERVICE_TOKEN: service.token,
    INSIGHTS_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  browser = await launchBrowser();
  const token = await signInForToken(server.url, demoOwner);
  const api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  sku = `RUN-${randomBytes(3).toString("hex")}`.toUpperCase();
  const product = await api.catalog.products.create.mutate({
    sku,
    name: `Fast mover ${sku}`,
    priceMinor: 500,
    currency: "USD",
    stock: 30,
  });
  const customer = await api.customers.create.mutate({ name: `Buyer ${sku}` });
  const draft = await api.orders.create.mutate({ customerId: customer.id });
  const withItem = await api.orders.addItem.mutate({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity: 25,
  });
  await api.orders.place.mutate({ orderId: withItem.id });
  // An open invoice, so the risk panel has something to ask the service about too.
  await api.invoices.issue.mutate({ orderId: withItem.id });

  const signingIn = await browser.context.newPage();
  await signInThroughPage(signingIn, server.url, demoOwner);
  await signingIn.close();
});

afterAll(async () => {
  try {
    relay?.close();
    await browser?.close();
    await server?.stop();
    await service?.stop();
  } finally {
    await database?.dispose();
  }
});

const panel = (page: Page, name: string) => page.getByRole("region", { name });
const heading = (page: Page) => page.getByRole("heading", { level: 1 });

describe("insight panels", () => {
  test("with the service stopped: both panels say unavailable within the deadline, and the other pages work", async () => {
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${server.url}/`);
    expect(await heading(page).textContent()).toBe("Dashboard");
    // The dashboard's own panels are in the first paint, whatever the insights service does.
    await panel(page, "Open invoices").getByRole("link").first().waitFor();

    for (const name of ["Reorder soon", "Invoices at risk"]) {
      const unavailable = panel(page, name).locator("[data-state=unavailable]");
      await unavailable.waitFor({ timeout: TIMEOUT_MS * 2 });
      expect(await unavailable.textContent()).toContain("The insights service cannot be reached right now.");
    }
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 2_000);

    for (const [path, title] of [
      ["/products", "Products"],
      ["/orders", "Orders"],
      ["/invoices", "Invoices"],
      ["/customers", "Customers"],
    ] as const) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status()).toBe(200);
      expect(await heading(page).textContent()).toBe(title);
    }
    await page.close();
  });

  test("with the service up: products about to run out and invoices at risk are listed, linking to them", async () => {
    await startRelay(new URL(service.url));
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    const region = panel(page, "Reorder soon");
    const link = region.getByRole("link", { name: `Fast mover ${sku}` });
    await link.waitFor({ timeout: 15_000 });
    expect(await region.getByRole("row", { name: new RegExp(sku) }).textContent()).toContain("0.2 days");
    await link.click();
    await page.waitForURL((url) => url.pathname === "/products" && url.searchParams.get("q") === sku);
    await page.getByRole("row", { name: new RegExp(`Fast mover ${sku}`) }).waitFor();

    // The demo business has overdue invoices: the first one at risk links to its page.
    await page.goto(`${server.url}/`);
    const atRisk = panel(page, "Invoices at risk")
      .getByRole("link", { name: /^Invoice \d{5,}$/ })
      .first();
    await atRisk.waitFor({ timeout: 15_000 });
    const title = await atRisk.textContent();
    await atRisk.click();
    await page.waitForURL((url) => url.pathname.startsWith("/invoices/"));
    await page.getByRole("heading", { level: 1, name: title ?? "" }).waitFor();
    await page.close();
  });
});
