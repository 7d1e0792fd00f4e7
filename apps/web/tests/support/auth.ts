import { rememberSecret, rememberSessionFrom } from "@tally/host/testing";
import type { Locator, Page } from "playwright-core";

export type Credentials = { email: string; password: string };

/** Seeded by `pnpm db:seed`: the owner of "Demo Supplies Co.". */
export const demoOwner: Credentials = { email: "alice@demo.tally.test", password: "tally-demo-password" };

/**
 * Signs in the way a script does, for a bearer token to call the API with.
 * Node's fetch sends browser-style fetch metadata, so it names the app's own origin.
 */
export async function signInForToken(baseUrl: string, { email, password }: Credentials): Promise<string> {
  rememberSecret("password", password);
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  rememberSessionFrom(response);
  if (!response.ok)
    throw new Error(`signing in as ${email} answered ${response.status}: ${await response.text()}`);
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`signing in as ${email} returned no token`);
  return token;
}

/** Signs in through the sign-in page, as a person would; the browser keeps the session cookie. */
export async function signInThroughPage(page: Page, baseUrl: string, { email, password }: Credentials) {
  rememberSecret("password", password);
  await page.goto(`${baseUrl}/sign-in`);
  const form = await interactive(page.getByRole("form", { name: "Sign in" }));
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

/**
 * Resolves once React has hydrated the form (its submit button is enabled
 * only then): typing into the server's HTML before that could be lost.
 */
export async function interactive(form: Locator): Promise<Locator> {
  await form.locator("button[type=submit]:enabled").first().waitFor();
  return form;
}
