import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { type Credentials, signInThroughPage } from "./auth";

/** Signs the context in once; every page opened in it afterwards has the session cookie. */
export async function signInContext(context: BrowserContext, baseUrl: string, who: Credentials) {
  const page = await context.newPage();
  try {
    await signInThroughPage(page, baseUrl, who);
  } finally {
    await page.close();
  }
}

export type Shot = { name: string; width: number; scheme: "light" | "dark"; path: string };
export type ShotPlan = {
  /** A page of the app, by path: "/", "/orders/…". */
  pages: Array<{ name: string; path: string }>;
  widths: number[];
  schemes: Array<"light" | "dark">;
};

/** A phone and a laptop. */
export const SCREEN_WIDTHS = [375, 1280];

/**
 * Photographs each page at each width in each colour scheme, full height,
 * once the page's own data has arrived (no request in flight). Sign the
 * context in first.
 */
export async function takeScreenshots(
  context: BrowserContext,
  baseUrl: string,
  plan: ShotPlan,
  outDir: string,
): Promise<Shot[]> {
  await mkdir(outDir, { recursive: true });
  const page = await context.newPage();
  try {
    const shots: Shot[] = [];
    for (const scheme of plan.schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of plan.widths) {
        await page.setViewportSize({ width, height: 900 });
        for (const { name, path } of plan.pages) {
          const file = join(outDir, `${name}-${width}-${scheme}.png`);
          await settle(page, `${baseUrl}${path}`);
          await page.screenshot({ path: file, fullPage: true });
          shots.push({ name, width, scheme, path: file });
        }
      }
    }
    return shots;
  } finally {
    await page.close();
  }
}

/** The newest fulfilled order: a page with lines, totals and a paid invoice. */
export async function fulfilledOrderPath(context: BrowserContext, baseUrl: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/orders?status=fulfilled`);
    const href = await page
      .getByRole("table", { name: "Orders, newest first" })
      .getByRole("link")
      .first()
      .getAttribute("href");
    if (!href) throw new Error("no fulfilled order to show");
    return href;
  } finally {
    await page.close();
  }
}

async function settle(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  // Charts size themselves after the first frame.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}
