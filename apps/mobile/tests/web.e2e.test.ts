import { createTallyClient } from "@tally/client";
import { type ApiServer, startApiServer } from "@tally/contract/testing";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Browser, launchChromium } from "./support/chromium.ts";
import { distDir, exportedBundles } from "./support/exported-bundles.ts";
import { type StaticSite, serveStaticSite } from "./support/static-site.ts";

// The exported web build, served beside the real API server (built, on a fresh
// seeded database), driven in Chromium.
let site: StaticSite;
let api: ApiServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  exportedBundles("web"); // fails at once, naming the command to run, if there is no export
  site = await serveStaticSite(distDir, () => api?.origin ?? "http://127.0.0.1:9");
  // The page's requests carry its own origin, which the API must trust for sign-in.
  [api, browser] = await Promise.all([startApiServer({ trustedOrigins: [site.origin] }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await site?.close();
});

/** Screens under the one on top stay in the page, hidden, so the same text can be there twice. */
const shown = (locator: Locator) => locator.filter({ visible: true });

async function signIn(email: string, password = "tally-demo-password"): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.goto(site.origin);
  await shown(page.getByLabel("Email")).fill(email);
  await shown(page.getByLabel("Password")).fill(password);
  await shown(page.getByRole("button", { name: "Sign in" })).click();
  await shown(page.getByRole("tab", { name: "Orders" })).waitFor({ timeout: 30_000 });
  return page;
}

test("a field worker signs in and searches the catalogue, with the bearer token on every call", async () => {
  const page = await signIn("alice@demo.tally.test");
  const calls: { procedure: string; authorization: string | undefined }[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/trpc/")) {
      calls.push({
        procedure: pathname.slice("/trpc/".length),
        authorization: request.headers().authorization,
      });
    }
  });

  await shown(page.getByRole("tab", { name: "Products" })).click();
  await shown(page.getByText("A4 copy paper, 500 sheets")).waitFor();
  await shown(page.getByLabel("Search products")).fill("toner");

  await shown(page.getByText("Toner cartridge 26A")).waitFor();
  await expect.poll(() => shown(page.getByText("A4 copy paper, 500 sheets")).count()).toBe(0);
  expect(calls.map((call) => call.procedure)).toContain("catalog.products.list");
  expect(calls.filter((call) => !call.authorization?.startsWith("Bearer "))).toEqual([]);
});

test("a new customer's draft gets an item and is placed; the product's stock follows without a manual refresh", async () => {
  const page = await signIn("alice@demo.tally.test");
  await shown(page.getByRole("tab", { name: "Products" })).click();
  await shown(page.getByText("TNR-HP-26A · 25 in stock")).waitFor();

  await shown(page.getByRole("tab", { name: "Customers" })).click();
  await shown(page.getByRole("link", { name: "New customer" })).click();
  await shown(page.getByLabel("Name")).fill("Corner Shop");
  await shown(page.getByRole("button", { name: "Add customer" })).click();
  await shown(page.getByRole("button", { name: "New order for this customer" })).click();
  await shown(page.getByRole("button", { name: "Create draft" })).click();
  await shown(page.getByRole("button", { name: "Add item" })).click();
  await shown(page.getByLabel("Search products")).fill("toner");
  await shown(page.getByText("Toner cartridge 26A")).click();
  await shown(page.getByLabel("Quantity")).fill("2");
  await shown(page.getByRole("button", { name: "Add to order" })).click();
  await shown(page.getByText("2 × $89.00 · TNR-HP-26A")).waitFor();
  await shown(page.getByRole("button", { name: "Place order" })).click();

  await shown(page.getByText("Placed", { exact: true })).waitFor();
  await shown(page.getByText("Placed on")).waitFor();
  await page.goBack();
  await page.goBack();
  await shown(page.getByRole("tab", { name: "Products" })).click();
  await shown(page.getByText("TNR-HP-26A · 23 in stock")).waitFor();
});

test("an invoice issued in the office shows on the customer and on the order it bills", async () => {
  const page = await signIn("alice@demo.tally.test");
  const token = await page.evaluate(() => sessionStorage.getItem("tally.session-token"));
  const office = createTallyClient({
    url: `${api!.origin}/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  const customer = await office.customers.create.mutate({ name: "Harbour Café" });
  const draft = await office.orders.create.mutate({ customerId: customer.id });
  const products = await office.catalog.products.list.query({ search: "stapler" });
  const stapler = products.items[0]!;
  const order = await office.orders.addItem.mutate({
    orderId: draft.id,
    version: draft.version,
    productId: stapler.id,
    quantity: 1,
  });
  await office.orders.place.mutate({ orderId: order.id });
  const invoice = await office.invoices.issue.mutate({ orderId: order.id });

  await shown(page.getByRole("tab", { name: "Customers" })).click();
  await shown(page.getByText("Harbour Café")).click();
  await shown(page.getByText(`Invoice ${String(invoice.number).padStart(5, "0")}`)).click();

  await shown(page.getByText("Issued", { exact: true })).waitFor();
  await shown(page.getByText("Order · Placed")).click();
  await shown(page.getByText("1 × $18.99 · STP-STD-24")).waitFor();
  await shown(page.getByText(`Invoice ${String(invoice.number).padStart(5, "0")}`)).waitFor();
});

test("signing out returns to the sign-in screen, forgets the token and ends the session on the server", async () => {
  const page = await signIn("bob@demo.tally.test");
  await shown(page.getByRole("tab", { name: "Account" })).click();
  await shown(page.getByText("bob@demo.tally.test")).waitFor();
  const token = await page.evaluate(() => sessionStorage.getItem("tally.session-token"));

  await shown(page.getByRole("button", { name: "Sign out" })).click();

  await shown(page.getByLabel("Password")).waitFor();
  expect(await page.evaluate(() => sessionStorage.getItem("tally.session-token"))).toBeNull();
  // The screen changes at once; the server hears about it a moment later.
  const reuse = () =>
    fetch(`${api!.origin}/trpc/account.me`, { headers: { authorization: `Bearer ${token}` } });
  await expect.poll(async () => (await reuse()).status).toBe(401);
});

test("when the API goes away the app says it is offline instead of failing silently", async () => {
  const page = await signIn("bob@demo.tally.test");
  await page.route("**/trpc/**", (route) => route.abort("connectionrefused"));

  await shown(page.getByRole("tab", { name: "Customers" })).click();

  await shown(page.getByText("You're offline")).waitFor({ timeout: 30_000 });
  await page.unroute("**/trpc/**");
  await shown(page.getByRole("button", { name: "Try again" })).click();
  await shown(page.getByText("You're offline")).waitFor({ state: "detached" });
  await shown(page.getByLabel("Search customers")).waitFor();
});

test("a session revoked elsewhere signs the app out at its next call", async () => {
  const page = await signIn("bob@demo.tally.test");
  const token = await page.evaluate(() => sessionStorage.getItem("tally.session-token"));
  const revoked = await fetch(`${api!.origin}/api/auth/sign-out`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, origin: api!.origin, "content-type": "application/json" },
    body: "{}",
  });
  expect(revoked.ok).toBe(true);

  await shown(page.getByRole("tab", { name: "Products" })).click();

  await shown(page.getByLabel("Password")).waitFor();
  expect(await page.evaluate(() => sessionStorage.getItem("tally.session-token"))).toBeNull();
});

test("the Reports tab lists the organisation's reports and their state, for a member of a new organisation", async () => {
  const stamp = Date.now().toString(36);
  const person = { name: "Mo Reyes", email: `mo-${stamp}@example.test`, password: "field-report-2026" };
  const signUp = await fetch(`${api!.origin}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: site.origin },
    body: JSON.stringify(person),
  });
  expect(signUp.status, await signUp.clone().text()).toBe(200);
  const { token } = (await signUp.json()) as { token: string };
  const office = createTallyClient({
    url: `${api!.origin}/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  await office.org.create.mutate({ name: `Reyes Field Co ${stamp}`, slug: `reyes-${stamp}` });
  const customer = await office.customers.create.mutate({ name: "Dockside Deli" });
  const product = await office.catalog.products.create.mutate({
    sku: `MOP-${stamp}`.toUpperCase(),
    name: "Mop",
    priceMinor: 1500,
    currency: "USD",
    stock: 10,
  });
  for (const quantity of [1, 2]) {
    const draft = await office.orders.create.mutate({ customerId: customer.id });
    await office.orders.addItem.mutate({
      orderId: draft.id,
      version: draft.version,
      productId: product.id,
      quantity,
    });
    await office.orders.place.mutate({ orderId: draft.id });
  }
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const to = new Date(from.getTime() + 86_400_000);
  const report = await office.reports.create.mutate({ kind: "sales", from, to, groupBy: "day" });
  // The API server's own worker runs it.
  await expect
    .poll(async () => (await office.reports.get.query({ id: report.id })).status, { timeout: 30_000 })
    .toBe("done");

  const page = await signIn(person.email, person.password);
  await shown(page.getByRole("tab", { name: "Reports" })).click();
  const day = from.toISOString().slice(0, 10);
  await shown(page.getByText(`Sales by day · ${day} to ${day}`)).waitFor();
  await shown(page.getByText("Ready · 2 orders")).waitFor();
});
