import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTallyClient, type TallyClient } from "@tally/client";
import { verifyPaymentSignature, WEBHOOK_HEADERS } from "@tally/host";
import { rememberSecret } from "@tally/host/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoOwner, interactive, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";
import { startWorker, type Worker } from "./support/worker";

/**
 * The webhooks page, for the demo organisation: its owner registers an
 * endpoint on a receiver of the test's own (loopback, allowed by
 * configuration as in every webhook test), copies the secret shown once,
 * places an order, and watches the delivery arrive in the page's log as
 * delivered — the receiver answers 2xx only to a delivery whose signature
 * it verified with that secret. A member of the same organisation sees
 * none of it.
 */
const demoMember = { email: "bob@demo.tally.test", password: "tally-demo-password" };

let database: TestDatabase;
let server: WebServer;
let worker: Worker;
let owner: TestBrowser;
let member: TestBrowser;
let page: Page;
let api: TallyClient;
let receiver: Server;
let receiverUrl: string;
/** Known once the page has shown it; the receiver refuses everything until then. */
let signingSecret: string | null = null;
const arrivals: Array<{ kind: string | null; recordId: string | null; verified: boolean }> = [];

/** The partner's receiver: 204 for a delivery signed with the endpoint's secret, 401 for anything else. */
async function startReceiver() {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      const header = req.headers[WEBHOOK_HEADERS.signature];
      const verified =
        signingSecret !== null &&
        verifyPaymentSignature({
          header: typeof header === "string" ? header : null,
          rawBody,
          secret: signingSecret,
          toleranceSeconds: 300,
        }).valid;
      const event = JSON.parse(rawBody.toString()) as { kind?: string; recordId?: string };
      arrivals.push({ kind: event.kind ?? null, recordId: event.recordId ?? null, verified });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tally-events`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The receiver is on this machine: production refuses loopback destinations, tests name it.
  const env = { ...database.env, TALLY_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" };
  [server, worker] = await Promise.all([startWebServer(env), startWorker(env), startReceiver()]);
  [owner, member] = await Promise.all([launchBrowser(), launchBrowser()]);
  page = await owner.context.newPage();
  await signInThroughPage(page, server.url, demoOwner);
  const token = await signInForToken(server.url, demoOwner);
  api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
}, 180_000);

afterAll(async () => {
  try {
    receiver?.close();
    await Promise.all([owner?.close(), member?.close()]);
    await Promise.all([worker?.stop(), server?.stop()]);
  } finally {
    await database?.dispose();
  }
});

const endpointRow = (url: string) =>
  page
    .getByRole("table", { name: "Webhook endpoints of this organisation" })
    .getByRole("row")
    .filter({ hasText: url });

async function placeAnOrder(): Promise<string> {
  const customer = await api.customers.create.mutate({ name: "Webhook buyer" });
  const { items } = await api.catalog.products.list.query({ limit: 20 });
  const product = items.find((item) => item.stock > 10 && !item.archivedAt);
  if (!product) throw new Error("the demo catalogue has no product in stock");
  const draft = await api.orders.create.mutate({ customerId: customer.id });
  const withLine = await api.orders.addItem.mutate({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity: 1,
  });
  return (await api.orders.place.mutate({ orderId: withLine.id })).id;
}

describe("the webhooks page", () => {
  test("the navigation links it for an owner, next to API keys", async () => {
    await page.goto(`${server.url}/webhooks`);
    const nav = page.getByRole("navigation", { name: "Main" });
    const links = await nav.getByRole("link").allTextContents();
    expect(links.indexOf("Webhooks")).toBe(links.indexOf("API keys") + 1);
    expect(await nav.getByRole("link", { name: "Webhooks" }).getAttribute("aria-current")).toBe("page");
  });

  test("a destination the rules refuse is shown beside the URL field, and nothing is registered", async () => {
    await page.goto(`${server.url}/webhooks`);
    const form = await interactive(page.getByRole("form", { name: "Register an endpoint" }));
    await form.getByLabel("URL").fill("http://localhost:9/hooks");
    await form.getByRole("button", { name: "Register endpoint" }).click();
    const url = form.getByLabel("URL");
    await form.getByText("Deliveries to this network's own hosts are not allowed").waitFor();
    expect(await url.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await url.getAttribute("aria-describedby")) ?? "";
    const notes = await Promise.all(
      describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(notes.join(" ")).toContain("Deliveries to this network's own hosts are not allowed");
    expect(await api.webhooks.endpoints.list.query()).toEqual([]);
  });

  test("an owner registers an endpoint, copies its secret once, places an order and sees it delivered", {
    timeout: 120_000,
  }, async () => {
    await page.goto(`${server.url}/webhooks`);
    const form = await interactive(page.getByRole("form", { name: "Register an endpoint" }));
    await form.getByLabel("URL").fill(receiverUrl);
    await form.getByLabel("Description").fill("The test's receiver");
    await form.getByRole("checkbox", { name: /order\.placed/ }).check();
    await form.getByRole("checkbox", { name: /invoice\.issued/ }).check();
    await form.getByRole("button", { name: "Register endpoint" }).click();

    const secretBox = form.getByLabel("Signing secret");
    await secretBox.waitFor();
    signingSecret = await secretBox.inputValue();
    expect(signingSecret).toMatch(/^whsec_/);
    rememberSecret("webhook secret", signingSecret);
    expect(await form.getByRole("button", { name: "Copy secret" }).isVisible()).toBe(true);
    expect(await form.textContent()).toContain("it will not be shown again");

    const row = endpointRow(receiverUrl);
    await row.waitFor();
    expect(await row.textContent()).toContain("order.placed, invoice.issued");
    expect(await row.getByRole("cell").nth(1).textContent()).toBe("Enabled");
    // The list never carries the secret: a reload shows the endpoint without it.
    await page.reload();
    await endpointRow(receiverUrl).waitFor();
    expect(await page.content()).not.toContain(signingSecret);

    await endpointRow(receiverUrl).getByRole("button", { name: "Deliveries" }).click();
    const log = page.getByRole("table", { name: `Deliveries to ${receiverUrl}, newest first` });
    await page.getByText("Nothing delivered yet").waitFor();

    const orderId = await placeAnOrder();
    const delivered = log
      .getByRole("row")
      .filter({ hasText: "order.placed" })
      .filter({ hasText: "Delivered" });
    // No reload: the open log is read again every few seconds.
    await delivered.waitFor({ timeout: 60_000 });
    const cells = await delivered.getByRole("cell").allTextContents();
    expect(cells.slice(1)).toEqual(["Delivered", "1", "204", "—"]);
    expect(arrivals).toEqual([{ kind: "order.placed", recordId: orderId, verified: true }]);
    expect(await endpointRow(receiverUrl).getByRole("cell").nth(2).textContent()).toBe("0");
  });

  test("an owner disables and enables the endpoint, then deletes it after confirming", async () => {
    await page.goto(`${server.url}/webhooks`);
    await interactive(page.getByRole("form", { name: "Register an endpoint" }));
    const row = endpointRow(receiverUrl);
    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByText("Disabled: Disabled by an admin").waitFor();
    const [endpoint] = await api.webhooks.endpoints.list.query();
    expect(endpoint?.disabledAt).toBeInstanceOf(Date);

    await row.getByRole("button", { name: "Enable" }).click();
    await row.getByRole("cell", { name: "Enabled", exact: true }).waitFor();

    await row.getByRole("button", { name: "Delete" }).click();
    await row.getByText(`Delete the endpoint ${receiverUrl}?`).waitFor();
    await row.getByRole("button", { name: "Keep endpoint" }).click();
    expect(await api.webhooks.endpoints.list.query()).toHaveLength(1);
    await row.getByRole("button", { name: "Delete" }).click();
    await row.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByText("No endpoints yet.").waitFor();
    expect(await api.webhooks.endpoints.list.query()).toEqual([]);
  });

  test("a member sees the refusal in words, and none of the endpoints", async () => {
    await api.webhooks.endpoints.create.mutate({ url: `${receiverUrl}/kept`, eventKinds: ["order.paid"] });
    const memberPage = await member.context.newPage();
    try {
      await signInThroughPage(memberPage, server.url, demoMember);
      const nav = memberPage.getByRole("navigation", { name: "Main" });
      expect(await nav.getByRole("link", { name: "Webhooks" }).count()).toBe(0);
      await memberPage.goto(`${server.url}/webhooks`);
      const refusal = memberPage.getByRole("alert").filter({ hasText: "Could not load webhooks" });
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe(
        "Could not load webhooks: Only admins and owners manage this organisation's webhooks (Only an admin can do this).",
      );
      expect(await memberPage.content()).not.toContain(`${receiverUrl}/kept`);
      expect(await memberPage.getByRole("form", { name: "Register an endpoint" }).count()).toBe(0);
    } finally {
      await memberPage.close();
    }
  });
});
