import { readFile } from "node:fs/promises";
import { createTallyClient, type TallyClient } from "@tally/client";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Credentials, interactive, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { insertPlacedOrders, placedOrderLines } from "./support/bulk-rows";
import { type ReportWorker, startReportWorker } from "./support/report-worker";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * Issue 13's acceptance story in the browser, for an organisation of its own
 * (nothing from the demo seed): a sales report over 3,000 orders is queued,
 * picked up by a worker, moves to 100 %, and its CSV holds exactly what the
 * orders add up to; an invoice export past the limit becomes a report too.
 */
let database: TestDatabase;
let server: WebServer;
let browser: TestBrowser;
let worker: ReportWorker | undefined;
let api: TallyClient;
let page: Page;

const stamp = Date.now().toString(36);
const owner: Credentials & { name: string } = {
  name: "Rhea Porter",
  email: `rhea-${stamp}@example.test`,
  password: "quarterly-numbers-2026",
};
const ORDERS = 3_000;
// Three invoices are more than this server downloads directly.
const INVOICE_EXPORT_MAX_ROWS = 2;
let organizationId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer({
    ...database.env,
    TALLY_INVOICE_EXPORT_MAX_ROWS: String(INVOICE_EXPORT_MAX_ROWS),
  });
  browser = await launchBrowser();

  const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify(owner),
  });
  expect(signUp.status, await signUp.clone().text()).toBe(200);
  const token = await signInForToken(server.url, owner);
  api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  ({ id: organizationId } = await api.org.create.mutate({
    name: `Porter Analytics ${stamp}`,
    slug: `porter-${stamp}`,
  }));

  page = await browser.context.newPage();
  await signInThroughPage(page, server.url, owner);
});

afterAll(async () => {
  try {
    await worker?.stop();
    await browser?.close();
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

/** RFC 4180 records, for files whose fields hold no line breaks. */
const csvRecords = (text: string) =>
  text
    .trim()
    .split("\r\n")
    .map(
      (line) =>
        line
          .match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)
          ?.slice(0, -1)
          .map(unquote) ?? [],
    );
const unquote = (field: string) => {
  const cell = field.endsWith(",") ? field.slice(0, -1) : field;
  return cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
};

async function downloadFrom(link: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return readFile(await download.path(), "utf8");
}

const reportRow = (title: string) =>
  page.getByRole("table", { name: "Reports, newest first" }).getByRole("row", { name: new RegExp(title) });

describe("reports in the browser", () => {
  test("a sales report: queued, then running with a bar that moves to 100 %, then a CSV of the orders' totals", {
    timeout: 180_000,
  }, async () => {
    const customer = await api.customers.create.mutate({ name: `Porter buyer ${stamp}` });
    const products = await Promise.all(
      [
        { sku: `PEN-${stamp}`.toUpperCase(), name: "Fountain pen", priceMinor: 1250 },
        { sku: `INK-${stamp}`.toUpperCase(), name: "Ink, blue", priceMinor: 399 },
      ].map((product) => api.catalog.products.create.mutate({ ...product, currency: "USD", stock: 0 })),
    );
    const [pen, ink] = products as [(typeof products)[number], (typeof products)[number]];
    await insertPlacedOrders(database.url, {
      organizationId,
      customerId: customer.id,
      products: [pen, ink],
      count: ORDERS,
    });

    await page.goto(`${server.url}/reports`);
    const form = await interactive(page.getByRole("form", { name: "New sales report" }));
    await form.getByLabel("Placed from").fill("2026-01-01");
    await form.getByLabel("Placed to").fill("2026-01-31");
    await form.getByLabel("Group by").selectOption("product");
    await form.getByRole("button", { name: "Create report" }).click();

    // No worker yet: the report waits in the queue.
    const row = reportRow("Sales by Product");
    await row.getByText("Waiting for a worker…").waitFor();
    worker = await startReportWorker(database.url, { batch: 100, pauseMs: 100 });

    const bar = row.locator("progress");
    const seen: number[] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const value = Number((await bar.getAttribute("value", { timeout: 30_000 })) ?? Number.NaN);
      if (!Number.isNaN(value) && seen.at(-1) !== value) seen.push(value);
      if (value === 100 && (await row.getByText("Ready").count()) > 0) break;
      await page.waitForTimeout(200);
    }
    expect(seen.at(-1)).toBe(100);
    // The bar moved while the worker ran: values between empty and full, rising.
    expect(seen.filter((value) => value > 0 && value < 100).length).toBeGreaterThan(0);
    expect(seen).toEqual(seen.toSorted((a, b) => a - b));
    await expect(bar.getAttribute("aria-label")).resolves.toBe("Report progress: 100%");
    await row.getByText(`${ORDERS.toLocaleString("en")} of ${ORDERS.toLocaleString("en")} orders`).waitFor();

    const [header, ...records] = csvRecords(
      await downloadFrom(row.getByRole("link", { name: "Download CSV" })),
    );
    expect(header).toEqual(["product_id", "product", "currency", "orders", "units", "revenue_minor"]);

    // What the orders add up to, from their stored lines.
    const lines = await placedOrderLines(
      database.url,
      organizationId,
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-02-01T00:00:00Z"),
    );
    expect(lines).toHaveLength(ORDERS);
    const expected = new Map<
      string,
      { label: string; orders: Set<string>; units: number; revenue: number }
    >();
    for (const line of lines) {
      const group = expected.get(line.productId) ?? {
        label: `${line.productName} (${line.sku})`,
        orders: new Set<string>(),
        units: 0,
        revenue: 0,
      };
      group.orders.add(line.orderId);
      group.units += line.quantity;
      group.revenue += line.lineTotalMinor;
      expected.set(line.productId, group);
    }
    const expectedRecords = [...expected].map(([id, group]) => [
      id,
      group.label,
      "USD",
      String(group.orders.size),
      String(group.units),
      String(group.revenue),
    ]);
    expect(records.toSorted()).toEqual(expectedRecords.toSorted());
  });

  test("an invoice export past the limit is prepared as a report, linked from the invoices page", {
    timeout: 120_000,
  }, async () => {
    const customer = await api.customers.create.mutate({ name: `Invoiced buyer ${stamp}` });
    const product = await api.catalog.products.create.mutate({
      sku: `PAD-${stamp}`.toUpperCase(),
      name: "Notepad",
      priceMinor: 500,
      currency: "USD",
      stock: 100,
    });
    for (let n = 1; n <= INVOICE_EXPORT_MAX_ROWS + 1; n++) {
      const draft = await api.orders.create.mutate({ customerId: customer.id });
      await api.orders.addItem.mutate({
        orderId: draft.id,
        version: draft.version,
        productId: product.id,
        quantity: n,
      });
      await api.orders.place.mutate({ orderId: draft.id });
      await api.invoices.issue.mutate({ orderId: draft.id });
    }
    const listed = await api.invoices.list.query({ limit: 10 });
    expect(listed.items).toHaveLength(INVOICE_EXPORT_MAX_ROWS + 1);

    await page.goto(`${server.url}/invoices`);
    await page
      .getByRole("link", { name: `Invoice ${String(listed.items[0]?.number).padStart(5, "0")}` })
      .waitFor();
    await page.getByRole("link", { name: "Download CSV" }).click();
    await page
      .getByRole("status")
      .getByText("Your export of 3 invoices is being prepared — see Reports")
      .waitFor();
    await page.getByRole("status").getByRole("link", { name: "Reports" }).click();
    await page.waitForURL(`${server.url}/reports`);

    const row = reportRow("Invoices: all");
    await row.getByText("Ready").waitFor({ timeout: 30_000 });
    const [header, ...records] = csvRecords(
      await downloadFrom(row.getByRole("link", { name: "Download CSV" })),
    );
    expect(header?.slice(0, 3)).toEqual(["number", "status", "customer"]);
    // The same rows as the list, newest first, each the customer's, totals in dollars.
    expect(records.map((record) => record.at(-1))).toEqual(listed.items.map((invoice) => invoice.id));
    expect(records.map((record) => record.slice(1, 5))).toEqual([
      ["issued", customer.name, "USD", "15.00"],
      ["issued", customer.name, "USD", "10.00"],
      ["issued", customer.name, "USD", "5.00"],
    ]);
  });
});
