import { existsSync } from "node:fs";
import { join } from "node:path";
import { createTallyClient, type TallyClient } from "@tally/client";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { demoOwner, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

let database: TestDatabase;
let server: WebServer;
let browser: TestBrowser;
let api: TallyClient;
let page: Page;
/** Every tRPC call the page makes, as "procedure" names. */
let calls: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer(database.env);
  browser = await launchBrowser();
  // The catalog is the demo organisation's: the page and the API both act as its owner.
  const token = await signInForToken(server.url, demoOwner);
  api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  const signingIn = await browser.context.newPage();
  await signInThroughPage(signingIn, server.url, demoOwner);
  await signingIn.close();
});

afterAll(async () => {
  try {
    await browser?.close();
    const exitCode = await server?.stop();
    // The app closes the embedded database on SIGTERM, handing its folder back.
    if (server && database.env.TALLY_DATA_DIR) {
      expect(existsSync(join(database.env.TALLY_DATA_DIR, "owner.json"))).toBe(false);
      expect(exitCode).toBe(143);
    }
  } finally {
    await database?.dispose();
  }
});

beforeEach(async () => {
  page = await browser.context.newPage();
  calls = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith("/api/trpc/")) return;
    // Every tab holds one live stream (features/live); what is counted here is queries and mutations.
    const called = pathname.slice("/api/trpc/".length).split(",");
    calls.push(...called.filter((path) => path !== "events.onChange"));
  });
});

// An open tab keeps its live stream, and a browser gives a host six connections: close each test's tab.
afterEach(async () => {
  await page.close();
});

const uniqueSku = (prefix: string) => `${prefix}-${Date.now().toString(36)}`.toUpperCase();

const newProductForm = () => page.getByRole("form", { name: "New product" });
const productRow = (name: string) => page.getByRole("row", { name: new RegExp(name) });

describe("the products page", () => {
  test("arrives with the demo products already listed, without asking the API again", async () => {
    await page.goto(`${server.url}/products`);
    await productRow("A4 copy paper, 500 sheets").waitFor();
    expect(await page.getByRole("row").count()).toBe(12 + 1); // the header row
    await expect(productRow("Toner cartridge 26A").textContent()).resolves.toContain("$89.00");

    await page.waitForLoadState("networkidle");
    expect(calls).toEqual([]);
  });

  test("creates a product through the form and lists it", async () => {
    const sku = uniqueSku("E2E");
    await page.goto(`${server.url}/products`);
    const form = newProductForm();
    await form.getByLabel("SKU").fill(sku);
    await form.getByLabel("Name").fill(`Anvil ${sku}`);
    await form.getByLabel("Price").fill("12.5");
    await form.getByLabel("Currency").fill("eur");
    await form.getByLabel("Stock").fill("7");
    await form.getByRole("button", { name: "Create product" }).click();

    const row = productRow(`Anvil ${sku}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("€12.50");
    expect(await form.getByLabel("SKU").inputValue()).toBe(""); // ready for the next one
    expect(calls).toContain("catalog.products.create");
  });

  test("refuses an invalid SKU in the form itself, sending nothing", async () => {
    await page.goto(`${server.url}/products`);
    const form = newProductForm();
    await form.getByLabel("SKU").fill("not valid!");
    await form.getByLabel("Name").fill("Should never exist");
    await form.getByLabel("Price").fill("1.00");
    await form.getByRole("button", { name: "Create product" }).click();

    await form.getByText("Letters, digits, '.', '_' and '-' only").waitFor();
    expect(await form.getByLabel("SKU").getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);
    expect(await productRow("Should never exist").count()).toBe(0);
  });

  test("shows the server's refusal of a SKU that is already taken", async () => {
    await page.goto(`${server.url}/products`);
    const form = newProductForm();
    await form.getByLabel("SKU").fill("PAP-A4-500");
    await form.getByLabel("Name").fill("Second A4 paper");
    await form.getByLabel("Price").fill("5");
    await form.getByRole("button", { name: "Create product" }).click();

    await form.getByRole("alert").getByText("SKU PAP-A4-500 is already used by another product").waitFor();
  });

  test("searches by name or SKU, keeping the search in the address", async () => {
    await page.goto(`${server.url}/products`);
    await page.getByLabel("Search products").fill("toner");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "toner");
    await page.getByRole("row").nth(2).waitFor({ state: "detached" });
    expect(await page.getByRole("row").count()).toBe(1 + 1);
    await productRow("Toner cartridge 26A").waitFor();

    await page.reload();
    expect(await page.getByLabel("Search products").inputValue()).toBe("toner");
    // Counted once the list is back on screen: right after a reload it may still be loading.
    await productRow("Toner cartridge 26A").waitFor();
    expect(await page.getByRole("row").count()).toBe(1 + 1);
  });

  test("loads the next page on request", async () => {
    const batch = uniqueSku("PG");
    const names = Array.from(
      { length: 21 },
      (_, index) => `Paged ${batch} ${String(index).padStart(2, "0")}`,
    );
    await Promise.all(
      names.map((name, index) =>
        api.catalog.products.create.mutate({
          sku: `${batch}-${index}`,
          name,
          priceMinor: 100,
          currency: "USD",
        }),
      ),
    );
    await page.goto(`${server.url}/products?q=${batch}`);
    await productRow(names[19]!).waitFor();
    expect(await productRow(names[20]!).count()).toBe(0);

    await page.getByRole("button", { name: "Load more" }).click();
    await productRow(names[20]!).waitFor();
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
  });

  test("archives a product and restores it from the archived view", async () => {
    const sku = uniqueSku("ARC");
    const name = `Archivable ${sku}`;
    await api.catalog.products.create.mutate({ sku, name, priceMinor: 100, currency: "USD" });
    await page.goto(`${server.url}/products`);
    await page.getByRole("button", { name: `Archive ${name}` }).click();
    await productRow(name).waitFor({ state: "detached" });

    await page.getByLabel("Show archived").check();
    await page.waitForFunction(() => new URLSearchParams(location.search).get("archived") === "1");
    await productRow(`${name}.*Archived`).waitFor();
    await page.getByRole("button", { name: `Restore ${name}` }).click();
    await page.getByRole("button", { name: `Archive ${name}` }).waitFor();
  });

  test("on an edit conflict, says so and offers the latest version", async () => {
    const sku = uniqueSku("CNF");
    const product = await api.catalog.products.create.mutate({
      sku,
      name: `Contested ${sku}`,
      priceMinor: 500,
      currency: "USD",
    });
    await page.goto(`${server.url}/products`);
    await page.getByRole("button", { name: `Edit Contested ${sku}` }).click();
    const form = page.getByRole("form", { name: `Edit Contested ${sku}` });
    await form.getByLabel("Price").fill("6.00");

    // Someone else saves first.
    await api.catalog.products.update.mutate({
      id: product.id,
      version: product.version,
      patch: { priceMinor: 700 },
    });
    await form.getByRole("button", { name: "Save changes" }).click();

    await form
      .getByRole("alert")
      .getByText(/was changed by someone else/)
      .waitFor();
    await form.getByRole("button", { name: "Load latest version" }).click();
    expect(await form.getByLabel("Price").inputValue()).toBe("7.00");
    await form.getByLabel("Price").fill("6.00");
    await form.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").getByText(`Contested ${sku} saved`).waitFor();
    await productRow(`Contested ${sku}.*\\$6\\.00`).waitFor();
  });
});
