import { formatMoney, LOW_STOCK_THRESHOLD } from "@tally/validators";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { orderReference } from "../src/features/orders/order";
import { type Credentials, demoOwner, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { type ExpectedFigures, expectedDemoFigures } from "./support/dashboard-figures";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * Issue 18's acceptance: after a fresh seed the dashboard shows the totals
 * the seeded rows add up to (computed here with SQL of the test's own), and
 * each figure leads to the list it summarises, filtered to match.
 */
let database: TestDatabase;
let server: WebServer;
let browser: TestBrowser;
let expected: ExpectedFigures;

const demoMember: Credentials = { email: "bob@demo.tally.test", password: demoOwner.password };
const usd = (minor: number) => formatMoney(minor, "USD", "en-US");

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer(database.env);
  browser = await launchBrowser();
  expected = await expectedDemoFigures(await database.databaseUrl(), LOW_STOCK_THRESHOLD);
});

afterAll(async () => {
  try {
    await browser?.close();
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

async function dashboardAs(who: Credentials): Promise<Page> {
  const page = await browser.context.newPage();
  await browser.context.clearCookies();
  await signInThroughPage(page, server.url, who);
  await page.goto(`${server.url}/`);
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  return page;
}

const panel = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

describe("the dashboard after a fresh seed", () => {
  test("shows the totals the seeded rows add up to", async () => {
    const page = await dashboardAs(demoOwner);
    expect(expected.overdue.count).toBeGreaterThan(0);
    expect(await page.getByTestId("open-balance-USD").textContent()).toBe(usd(expected.open.balanceMinor));
    expect(await page.getByTestId("open-count-USD").textContent()).toBe(
      `owed on ${expected.open.count} open invoices`,
    );
    expect(await page.getByTestId("overdue-balance-USD").textContent()).toBe(
      usd(expected.overdue.balanceMinor),
    );
    expect(await page.getByTestId("overdue-count-USD").textContent()).toBe(
      `owed on ${expected.overdue.count} overdue invoices`,
    );
    await panel(page, "Low stock")
      .getByRole("link", {
        name: `All ${expected.lowStock.count} products with ${LOW_STOCK_THRESHOLD} or fewer in stock`,
      })
      .waitFor();
    const topCustomers = panel(page, "Top customers").getByRole("listitem");
    expect(await topCustomers.first().getByRole("link").textContent()).toBe(expected.topCustomer.name);
    await panel(page, "Recent orders")
      .getByRole("link", { name: orderReference(expected.newestOrderId), exact: true })
      .waitFor();
    await panel(page, "Sales").getByRole("figure").first().waitFor();
    await panel(page, "Money received").getByRole("figure").first().waitFor();
    await page.close();
  });

  test("the open-invoices figure lands on the issued invoices", async () => {
    const page = await dashboardAs(demoOwner);
    await panel(page, "Open invoices").getByRole("link").click();
    await page.waitForURL(
      (url) => url.pathname === "/invoices" && url.searchParams.get("status") === "issued",
    );
    expect(await page.getByLabel("Status").inputValue()).toBe("issued");
    const statuses = page.getByRole("table", { name: "Invoices, newest first" }).locator("tbody .status");
    await statuses.first().waitFor();
    expect(new Set(await statuses.allTextContents())).toEqual(new Set(["Issued"]));
    await page.close();
  });

  test("the overdue figure lands on exactly the overdue invoices", async () => {
    const page = await dashboardAs(demoOwner);
    await panel(page, "Overdue").getByRole("link").click();
    await page.waitForURL((url) => url.searchParams.get("status") === "overdue");
    expect(await page.getByLabel("Status").inputValue()).toBe("overdue");
    const rows = page.getByRole("table", { name: "Invoices, newest first" }).locator("tbody tr");
    await rows.first().waitFor();
    // Load every page, then count: the list must hold exactly the invoices the figure counted.
    for (;;) {
      const more = page.getByRole("button", { name: "Load more" });
      if ((await more.count()) === 0) break;
      const before = await rows.count();
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
    }
    expect(await rows.count()).toBe(expected.overdue.count);
    await page.close();
  });

  test("the low-stock link lands on the products running low", async () => {
    const page = await dashboardAs(demoOwner);
    await panel(page, "Low stock")
      .getByRole("link", { name: /^All \d+ products/ })
      .click();
    await page.waitForURL((url) => url.pathname === "/products" && url.searchParams.get("stock") === "low");
    expect(await page.getByLabel(/^Low stock only/).isChecked()).toBe(true);
    const rows = page.locator("table.products tbody tr");
    await expect.poll(() => rows.count()).toBe(expected.lowStock.count);
    await page.close();
  });

  test("a top customer lands on that customer's orders, and a recent order on its page", async () => {
    const page = await dashboardAs(demoOwner);
    await panel(page, "Top customers")
      .getByRole("link", { name: expected.topCustomer.name, exact: true })
      .click();
    await page.waitForURL((url) => url.searchParams.get("customer") === expected.topCustomer.id);
    expect(await page.getByLabel("Customer", { exact: true }).inputValue()).toBe(expected.topCustomer.id);
    const table = page.getByRole("table", { name: "Orders, newest first" });
    await table.locator("tbody tr").first().waitFor();
    const customers = await table.locator("tbody tr td:nth-of-type(1)").allTextContents();
    expect(new Set(customers)).toEqual(new Set([expected.topCustomer.name]));

    await page.goto(`${server.url}/`);
    const reference = orderReference(expected.newestOrderId);
    await panel(page, "Recent orders").getByRole("link", { name: reference, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`Order ${reference}`) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orders/${expected.newestOrderId}`);
    await page.close();
  });

  test("a member sees sales and invoices but not the money received", async () => {
    const page = await dashboardAs(demoMember);
    await panel(page, "Sales").getByRole("figure").first().waitFor();
    expect(await page.getByTestId("open-balance-USD").textContent()).toBe(usd(expected.open.balanceMinor));
    expect(await panel(page, "Money received").count()).toBe(0);
    await page.close();
  });
});
