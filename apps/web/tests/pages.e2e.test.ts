import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { createTallyClient } from "@tally/client";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoOwner, signInForToken } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { fulfilledOrderPath, SCREEN_WIDTHS, signInContext, takeScreenshots } from "./support/screenshots";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * Every page of the app, signed in as the demo owner on the seeded demo
 * business: no serious or critical axe violation in either colour scheme,
 * nothing that scrolls sideways on a 375 px phone, the dashboard usable with
 * the keyboard alone, and screenshots at phone and laptop widths.
 */
let database: TestDatabase;
let server: WebServer;
let browser: TestBrowser;
let signedOut: TestBrowser;
let pages: Array<{ name: string; path: string }>;

const SIGNED_OUT_PAGES = [
  { name: "sign-in", path: "/sign-in" },
  { name: "sign-up", path: "/sign-up" },
];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer(database.env);
  [browser, signedOut] = await Promise.all([launchBrowser(), launchBrowser()]);
  await signInContext(browser.context, server.url, demoOwner);

  const token = await signInForToken(server.url, demoOwner);
  const api = createTallyClient({
    url: `${server.url}/api/trpc`,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  const [draft] = (await api.orders.list.query({ status: "draft", limit: 1 })).items;
  const [invoice] = (await api.invoices.list.query({ limit: 1 })).items;
  const invitation = await api.org.invitations.create.mutate({ email: `pages-${Date.now()}@example.test` });
  if (!draft || !invoice) throw new Error("the seeded demo business has no draft or invoice");
  pages = [
    { name: "dashboard", path: "/" },
    { name: "orders", path: "/orders" },
    { name: "orders-filtered", path: "/orders?status=placed" },
    { name: "new-order", path: "/orders/new" },
    { name: "order", path: await fulfilledOrderPath(browser.context, server.url) },
    { name: "draft-order", path: `/orders/${draft.id}` },
    { name: "invoices", path: "/invoices" },
    { name: "overdue-invoices", path: "/invoices?status=overdue" },
    { name: "invoice", path: `/invoices/${invoice.id}` },
    { name: "payments", path: "/payments" },
    { name: "customers", path: "/customers" },
    { name: "products", path: "/products" },
    { name: "low-stock", path: "/products?stock=low" },
    { name: "reports", path: "/reports" },
    { name: "members", path: "/members" },
    { name: "audit", path: "/audit" },
    { name: "outbox", path: "/outbox" },
    { name: "api-keys", path: "/api-keys" },
    { name: "webhooks", path: "/webhooks" },
    { name: "settings", path: "/settings" },
    { name: "sessions", path: "/sessions" },
    { name: "new-organisation", path: "/organizations/new" },
    { name: "invitation", path: `/invitations/${invitation.id}` },
  ];
});

afterAll(async () => {
  try {
    await Promise.all([browser?.close(), signedOut?.close()]);
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

async function visit(page: Page, path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
}

type Finding = { page: string; scheme: string; rule: string; impact: string; targets: string[] };

async function seriousViolations(page: Page, name: string, scheme: string): Promise<Finding[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      page: name,
      scheme,
      rule: violation.id,
      impact: violation.impact ?? "",
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}

describe("every page", () => {
  test("axe finds no serious or critical violation, in the light and the dark theme", {
    timeout: 240_000,
  }, async () => {
    const findings: Finding[] = [];
    for (const scheme of ["light", "dark"] as const) {
      for (const [context, list] of [
        [browser.context, pages],
        [signedOut.context, SIGNED_OUT_PAGES],
      ] as const) {
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        for (const { name, path } of list) {
          await visit(page, path);
          findings.push(...(await seriousViolations(page, name, scheme)));
        }
        await page.close();
      }
    }
    expect(findings).toEqual([]);
  });

  test("nothing scrolls sideways on a 375 px wide phone", { timeout: 120_000 }, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    const overflowing: Array<{ page: string; scrollWidth: number }> = [];
    for (const { name, path } of [...pages]) {
      await visit(page, path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > 375) overflowing.push({ page: name, scrollWidth });
    }
    await page.close();
    expect(overflowing).toEqual([]);
  });
});

describe("the dashboard with the keyboard alone", () => {
  test("skips the header, reaches a figure, follows it, and switches the chart to weeks", async () => {
    const page = await browser.context.newPage();
    await visit(page, "/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    // The focused element's text when it is a link (main, focused by the skip link, holds every text).
    const focusedLink = () =>
      page.evaluate(() =>
        document.activeElement?.tagName === "A" ? (document.activeElement.textContent ?? "") : "",
      );
    let presses = 0;
    while (!(await focusedLink()).includes("open invoice") && presses++ < 10)
      await page.keyboard.press("Tab");
    expect(await focusedLink()).toMatch(/owed on \d+ open invoices/);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("status") === "issued");

    await visit(page, "/");
    const byWeek = page.getByRole("region", { name: "Sales" }).getByRole("button", { name: "By week" });
    await byWeek.focus();
    await page.keyboard.press("Space");
    expect(await byWeek.getAttribute("aria-pressed")).toBe("true");
    await page
      .getByRole("region", { name: "Sales" })
      .getByText(/the last 13 weeks/)
      .waitFor();
    await page.close();
  });
});

describe("screenshots", () => {
  test("of the dashboard and an order, at 375 and 1280 px, light and dark", {
    timeout: 120_000,
  }, async () => {
    const outDir = join(tmpdir(), `tally-screenshots-${Date.now()}`);
    const order = pages.find((page) => page.name === "order");
    if (!order) throw new Error("no order page");
    const shots = await takeScreenshots(
      browser.context,
      server.url,
      { pages: [{ name: "dashboard", path: "/" }, order], widths: SCREEN_WIDTHS, schemes: ["light", "dark"] },
      outDir,
    );
    expect(shots.map((shot) => `${shot.name}-${shot.width}-${shot.scheme}`).sort()).toEqual(
      ["dashboard", "order"]
        .flatMap((name) =>
          SCREEN_WIDTHS.flatMap((width) => [`${name}-${width}-dark`, `${name}-${width}-light`]),
        )
        .sort(),
    );
    for (const shot of shots) {
      const png = await readFile(shot.path);
      // The PNG header's width: a page wider than the screen would have made it wider.
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16), shot.path).toBe(shot.width);
    }
  });
});
