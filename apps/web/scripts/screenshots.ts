/**
 * `pnpm screenshots`: the README's pictures of the dashboard and of an order,
 * taken from a running app (TALLY_URL, default http://127.0.0.1:3000) as the
 * demo owner, at 1280 px in the light theme, into docs/screenshots/.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoOwner } from "../tests/support/auth";
import { launchBrowser } from "../tests/support/browser";
import { repoRoot } from "../tests/support/paths";
import { fulfilledOrderPath, signInContext, takeScreenshots } from "../tests/support/screenshots";

const baseUrl = (process.env.TALLY_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const target = join(repoRoot, "docs", "screenshots");

const browser = await launchBrowser();
const scratch = await mkdtemp(join(tmpdir(), "tally-screenshots-"));
try {
  await signInContext(browser.context, baseUrl, demoOwner);
  const orderPath = await fulfilledOrderPath(browser.context, baseUrl);
  const shots = await takeScreenshots(
    browser.context,
    baseUrl,
    {
      pages: [
        { name: "dashboard", path: "/" },
        { name: "order", path: orderPath },
      ],
      widths: [1280],
      schemes: ["light"],
    },
    scratch,
  );
  for (const shot of shots) {
    await copyFile(shot.path, join(target, `${shot.name}.png`));
    console.log(`screenshots: docs/screenshots/${shot.name}.png`);
  }
} finally {
  await browser.close();
  await rm(scratch, { recursive: true, force: true });
}
