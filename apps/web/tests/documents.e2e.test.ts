import { readFile } from "node:fs/promises";
import { createTallyClient, type TallyClient } from "@tally/client";
import { rememberSecret } from "@tally/host/testing";
import type { Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoOwner, interactive, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";
import { startWorker, type Worker } from "./support/worker";

/**
 * Issue 20's acceptance in the browser: an invoice's PDF downloads from its
 * page and holds the invoice; the development outbox (no SMTP_URL) shows the
 * invoice's email and an invitation's, whose link opens the invitation.
 */
let database: TestDatabase;
let server: WebServer;
let worker: Worker;
let browser: TestBrowser;
let signedOut: TestBrowser;
let api: TallyClient;
let page: Page;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer(database.env);
  worker = await startWorker({ ...database.env, BETTER_AUTH_URL: server.url });
  [browser, signedOut] = await Promise.all([launchBrowser(), launchBrowser()]);
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
    await Promise.all([browser?.close(), signedOut?.close()]);
    await worker?.stop();
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

const stamp = Date.now().toString(36);
const INVITEE_PASSWORD = "invitee-password-123";
rememberSecret("password", INVITEE_PASSWORD);

async function issuedInvoice() {
  const customer = await api.customers.create.mutate({
    name: `Pdf Buyer ${stamp}`,
    email: `pdf-${stamp}@buyer.test`,
  });
  const product = (await api.catalog.products.list.query({ limit: 1 })).items[0];
  if (!product) throw new Error("the demo seed has no product");
  const draft = await api.orders.create.mutate({ customerId: customer.id });
  const line = await api.orders.addItem.mutate({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity: 2,
  });
  await api.orders.place.mutate({ orderId: line.id });
  return { customer, product, invoice: await api.invoices.issue.mutate({ orderId: line.id }) };
}

test("the invoice page downloads the invoice's PDF, which holds its number, customer, line and total", async () => {
  const { customer, product, invoice } = await issuedInvoice();
  await page.goto(`${server.url}/invoices/${invoice.id}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  const title = `Invoice ${String(invoice.number).padStart(5, "0")}`;
  expect(download.suggestedFilename()).toBe(`${title.replace(" ", "-").toLowerCase()}.pdf`);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = (
    await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })
  ).text.replace(/\s+/g, " ");
  for (const expected of [title, customer.name, product.name, product.sku]) expect(text).toContain(expected);
});

test("the outbox shows the invoice's email and an invitation's, whose link opens the invitation", async () => {
  const { customer, invoice } = await issuedInvoice();
  const email = `invitee-${stamp}@example.test`;
  const invitation = await api.org.invitations.create.mutate({ email, role: "member" });

  await page.goto(`${server.url}/outbox`);
  const title = `Invoice ${String(invoice.number).padStart(5, "0")}`;
  const invoiceRow = page.getByRole("row").filter({ hasText: `${title} from` });
  const invitationRow = page.getByRole("row").filter({ hasText: email });
  // The worker sends within a second or two; the page shows what has been sent when it loads.
  await expect
    .poll(
      async () => {
        await page.reload();
        return (
          (await invitationRow.filter({ hasText: "Sent" }).count()) +
          (await invoiceRow.filter({ hasText: "Sent" }).count())
        );
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe(2);
  expect(await invoiceRow.textContent()).toContain(customer.email ?? "");

  await invitationRow.getByRole("button").click();
  const preview = page.getByRole("region", { name: "Email" });
  await preview.getByText("Open this link to accept").waitFor();
  const link = preview.getByRole("link", { name: `${server.url}/invitations/${invitation.id}` });
  const href = await link.getAttribute("href");
  expect(href).toBe(`${server.url}/invitations/${invitation.id}`);

  // The invitee, signed out, follows the link, creates an account with the invited address and joins.
  const invitee = await signedOut.context.newPage();
  const response = await invitee.goto(href ?? "");
  expect(response?.status()).toBe(200);
  await invitee.getByRole("heading", { name: "You have been invited to Tally" }).waitFor();
  await invitee.getByRole("link", { name: "Create an account" }).click();
  const form = await interactive(invitee.locator("form.auth-form"));
  await form.getByLabel("Name").fill("Invited Person");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(INVITEE_PASSWORD);
  await form.getByRole("button", { name: "Create account" }).click();
  await invitee.getByRole("heading", { name: "Join Demo Supplies Co." }).waitFor();
  // Enabled once hydrated; Playwright waits for that before it clicks.
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await invitee.waitForURL(`${server.url}/members`);
});
