import { randomBytes, randomUUID } from "node:crypto";
import { createTallyClient, type TallyClient } from "@tally/client";
import { SIGNATURE_HEADER, signPaymentEvent } from "@tally/host";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { orderReference } from "../src/features/orders/order";
import { demoOwner, interactive, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * Issue 4's acceptance story, as the demo owner in the browser: a customer,
 * a draft with two products whose totals follow every edit, placed, invoiced,
 * paid by a signed event from the payment provider, and the invoice and order
 * both paid. The CSV download carries the invoice.
 */
let database: TestDatabase;
let server: WebServer;
let browser: TestBrowser;
let api: TallyClient;
let page: Page;

/** The provider's signing secret, shared with the test server as it would be in production. */
const webhookSecret = randomBytes(32).toString("hex");

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer({ ...database.env, PAYMENTS_WEBHOOK_SECRET: webhookSecret });
  browser = await launchBrowser();
  const token = await signInForToken(server.url, demoOwner);
  api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  page = await browser.context.newPage();
  await signInThroughPage(page, server.url, demoOwner);
});

afterAll(async () => {
  try {
    await browser?.close();
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

const stamp = Date.now().toString(36);
const customer = { name: `Aardvark Trading ${stamp}`, email: `buyer-${stamp}@aardvark.test` };
const paper = "A4 copy paper, 500 sheets"; // $6.49
const toner = "Toner cartridge 26A"; // $89.00

const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name });
/** The amount beside a label in a totals list ("Subtotal", "Balance due"). */
const amount = (term: string) =>
  page.locator(`xpath=//dl/div[dt[starts-with(normalize-space(), "${term}")]]/dd`);
const showsAmount = (term: string, text: string) => amount(term).filter({ hasText: text }).waitFor();
const status = (name: string) => page.locator(".page-heading .status", { hasText: name });

/** Adds a product found through the search, once the page has hydrated. */
async function addProduct(name: string) {
  await page.getByLabel("Find a product").fill(name);
  await page.getByRole("button", { name: `Add ${name}`, exact: true }).click();
  await page
    .getByRole("row", { name: new RegExp(name) })
    .getByLabel(`Quantity of ${name}`, { exact: true })
    .waitFor();
}

describe("orders, invoices and payments in the browser", () => {
  test("customer → draft with two products → place → invoice → signed payment → paid", {
    timeout: 180_000,
  }, async () => {
    // The owner sets a 20% tax rate, so the totals have tax in them.
    await page.goto(`${server.url}/settings`);
    const settings = await interactive(page.getByRole("form", { name: "Sales tax" }));
    await settings.getByLabel("Tax rate (%)").fill("20");
    await settings.getByRole("button", { name: "Save tax rate" }).click();
    await page.getByRole("status").getByText("Tax rate set to 20%").waitFor();

    // A new customer.
    await page.goto(`${server.url}/customers`);
    const newCustomer = await interactive(page.getByRole("form", { name: "New customer" }));
    await newCustomer.getByLabel("Name").fill(customer.name);
    await newCustomer.getByLabel("Email").fill(customer.email);
    await newCustomer.getByRole("button", { name: "Create customer" }).click();
    await page.getByRole("row", { name: new RegExp(customer.name) }).waitFor();
    await page.getByRole("status").getByText(`${customer.name} created`).waitFor();

    // A draft for them, from the orders page.
    await page.goto(`${server.url}/orders`);
    await page.getByRole("link", { name: "New order" }).click();
    const draftForm = await interactive(page.getByRole("form", { name: "Start a draft" }));
    await draftForm.getByLabel("Find a customer").fill(stamp);
    const choice = draftForm.getByRole("option", { name: customer.name });
    await choice.waitFor({ state: "attached" });
    await draftForm.getByLabel("Customer", { exact: true }).selectOption({ label: customer.name });
    await draftForm.getByRole("button", { name: "Create draft" }).click();
    await heading(/^Order #/).waitFor();
    await status("Draft").waitFor();
    const orderUrl = page.url();
    expect(new URL(orderUrl).pathname).toMatch(/^\/orders\/[^/]+$/);

    // Two products; the server's totals show after each edit.
    await page.getByRole("button", { name: /^Add / }).first().waitFor(); // hydrated
    await addProduct(paper);
    await showsAmount("Subtotal", "$6.49");
    await showsAmount("Total", "$7.79"); // 6.49 + 1.298 tax, rounded by the server
    const paperQuantity = page.getByLabel(`Quantity of ${paper}`, { exact: true });
    await paperQuantity.fill("2");
    await page.getByRole("button", { name: `Update quantity of ${paper}` }).click();
    await showsAmount("Subtotal", "$12.98");
    await addProduct(toner);
    await showsAmount("Subtotal", "$101.98");
    await showsAmount("Tax", "$20.40");
    await showsAmount("Total", "$122.38");
    expect(await page.getByRole("table", { name: "Items" }).getByRole("row").count()).toBe(1 + 2);

    // Placed: no more editing, and the owner may invoice it.
    await page.getByRole("button", { name: "Place order" }).click();
    await status("Placed").waitFor();
    expect(await page.getByLabel(`Quantity of ${paper}`, { exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Place order" }).count()).toBe(0);
    await page.getByRole("button", { name: "Issue invoice" }).click();

    // The invoice opens, owing the order's total.
    await heading(/^Invoice \d{5,}$/).waitFor();
    await status("Issued").waitFor();
    await showsAmount("Balance due", "$122.38");
    const invoiceId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const invoice = await api.invoices.get.query({ id: invoiceId });
    expect(invoice).toMatchObject({ status: "issued", totalMinor: 12_238, currency: "USD" });

    // The payment provider reports the payment, signed with the shared secret.
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: "payment.succeeded",
      created: Math.floor(Date.now() / 1000),
      data: { invoiceId, paymentId: `pay_${randomUUID()}`, amountMinor: invoice.totalMinor, currency: "USD" },
    });
    const delivery = await fetch(`${server.url}/api/webhooks/payments`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signPaymentEvent(webhookSecret, body),
      },
      body,
    });
    expect(delivery.status, await delivery.clone().text()).toBe(200);

    // The invoice shows paid, with the payment and nothing left to pay.
    await page.reload();
    await status("Paid").waitFor();
    await showsAmount("Balance due", "$0.00");
    await page.getByRole("table", { name: "Payments, newest first" }).getByText("$122.38").waitFor();
    expect(await page.getByRole("button", { name: "Void invoice" }).count()).toBe(0);

    // So does the order, which can now be fulfilled and links back to its invoice.
    await page.getByRole("link", { name: /^Order #/ }).click();
    await heading(/^Order #/).waitFor();
    await status("Paid").waitFor();
    expect(page.url()).toBe(orderUrl);
    await page.getByRole("button", { name: "Mark as fulfilled" }).waitFor();
    await page.getByRole("link", { name: `Invoice ${String(invoice.number).padStart(5, "0")}` }).waitFor();

    // The invoices list, filtered to paid ones, offers that filter's CSV; the file has the invoice.
    await page.goto(`${server.url}/invoices?status=paid`);
    await page.getByRole("link", { name: `Invoice ${String(invoice.number).padStart(5, "0")}` }).waitFor();
    const download = page.getByRole("link", { name: "Download CSV" });
    expect(await download.getAttribute("href")).toBe("/api/invoices/export?status=paid");
    const csv = await page.request.get(`${server.url}/api/invoices/export?status=paid`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const rows = (await csv.text()).trim().split(/\r?\n/);
    expect(rows[0]).toMatch(/^number,status,customer,/);
    const row = rows.find((line) => line.includes(invoiceId));
    expect(row).toContain(`${invoice.number},paid,${customer.name},USD,122.38,122.38`);
  });

  test("the orders list keeps its filters in the address and arrives with the first page", async () => {
    page = await browser.context.newPage();
    const calls = trackCalls(page);
    const buyer = await api.customers.create.mutate({ name: `Zebra Supplies ${stamp}` });
    const draft = await api.orders.create.mutate({ customerId: buyer.id });
    const placed = await placedOrder(buyer.id);

    await page.goto(`${server.url}/orders?status=placed&customer=${buyer.id}`);
    const orderLink = (id: string) => page.getByRole("link", { name: orderReference(id), exact: true });
    await orderLink(placed.id).waitFor();
    expect(await orderLink(draft.id).count()).toBe(0);
    expect(await page.getByLabel("Customer", { exact: true }).inputValue()).toBe(buyer.id);
    await page.waitForLoadState("networkidle");
    expect(calls.filter((call) => call.startsWith("orders."))).toEqual([]); // the server sent page one

    await page.getByLabel("Status").selectOption("draft");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("status") === "draft");
    await orderLink(draft.id).waitFor();
    expect(await orderLink(placed.id).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("customer")).toBe(buyer.id);
  });

  test("an edit made against an older version of a draft is refused, and the latest is shown", async () => {
    page = await browser.context.newPage();
    const buyer = await api.customers.create.mutate({ name: `Quagga Office ${stamp}` });
    const product = await demoProduct(paper);
    const created = await api.orders.create.mutate({ customerId: buyer.id });
    const draft = await api.orders.addItem.mutate({
      orderId: created.id,
      version: created.version,
      productId: product.id,
      quantity: 1,
    });
    await page.goto(`${server.url}/orders/${draft.id}`);
    await showsAmount("Subtotal", "$6.49");

    // Someone else changes the quantity first.
    const line = draft.lines[0];
    if (!line) throw new Error("the draft has no line");
    await api.orders.updateItem.mutate({
      orderId: draft.id,
      version: draft.version,
      lineId: line.id,
      quantity: 5,
    });

    await page.getByLabel(`Quantity of ${paper}`, { exact: true }).fill("3");
    await page.getByRole("button", { name: `Update quantity of ${paper}` }).click();
    await page
      .getByRole("alert")
      .getByText(/Someone else changed this order/)
      .waitFor();
    await showsAmount("Subtotal", "$32.45"); // 5 × $6.49: theirs, not lost, and not overwritten
    expect(await page.getByLabel(`Quantity of ${paper}`, { exact: true }).inputValue()).toBe("5");
  });
});

/** Every tRPC procedure the page calls, by name. */
function trackCalls(on: Page): string[] {
  const calls: string[] = [];
  on.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/trpc/")) calls.push(...pathname.slice("/api/trpc/".length).split(","));
  });
  return calls;
}

async function demoProduct(name: string) {
  const { items } = await api.catalog.products.list.query({ search: name, limit: 1 });
  const product = items[0];
  if (!product) throw new Error(`no demo product ${name}`);
  return product;
}

async function placedOrder(customerId: string) {
  const product = await demoProduct(toner);
  const created = await api.orders.create.mutate({ customerId });
  const draft = await api.orders.addItem.mutate({
    orderId: created.id,
    version: created.version,
    productId: product.id,
    quantity: 1,
  });
  return api.orders.place.mutate({ orderId: draft.id });
}
