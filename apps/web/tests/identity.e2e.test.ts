import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoOwner, interactive, signInForToken, signInThroughPage } from "./support/auth";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWebServer, type WebServer } from "./support/web-server";

/**
 * Issue 3's acceptance story, in two browsers: Ada signs up and creates an
 * organisation, invites Ben, Ben signs up from the link and joins as a
 * member, cannot change roles (not in the page, not by calling the API
 * himself), Ada makes him an admin, and Ben signs out.
 */
let database: TestDatabase;
let server: WebServer;
let adaBrowser: TestBrowser;
let benBrowser: TestBrowser;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startWebServer(database.env);
  // Two browsers with profiles of their own: two people, two cookie jars.
  [adaBrowser, benBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  try {
    await Promise.all([adaBrowser?.close(), benBrowser?.close()]);
    await server?.stop();
  } finally {
    await database?.dispose();
  }
});

const stamp = Date.now().toString(36);
const ada = { name: "Ada Lovelace", email: `ada-${stamp}@example.test`, password: "analytical-engine-1843" };
const ben = { name: "Ben Okafor", email: `ben-${stamp}@example.test`, password: "difference-engine-1822" };
const organisation = `Lovelace Instruments ${stamp}`;

const at = (page: Page) => new URL(page.url());
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const memberRow = (page: Page, name: string) => page.getByRole("row", { name: new RegExp(name) });

async function fillSignUp(page: Page, person: typeof ada) {
  const form = await interactive(page.getByRole("form", { name: "Create your account" }));
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Password").fill(person.password);
  await form.getByRole("button", { name: "Create account" }).click();
}

describe("identity, organisations and roles in the browser", () => {
  test("sign up, create an organisation, invite, accept, roles, sign out", { timeout: 120_000 }, async () => {
    const adaPage = await adaBrowser.context.newPage();
    const benPage = await benBrowser.context.newPage();

    // Ada, signed out, is sent to sign in and comes back to where she was going.
    await adaPage.goto(`${server.url}/members`);
    expect(at(adaPage).pathname).toBe("/sign-in");
    expect(at(adaPage).searchParams.get("next")).toBe("/members");
    await adaPage.getByRole("link", { name: "Create an account" }).click();
    await heading(adaPage, "Create your account").waitFor();
    await fillSignUp(adaPage, ada);

    // She belongs to no organisation yet, so she is asked to create one.
    await heading(adaPage, "Create your organisation").waitFor();
    expect(at(adaPage).pathname).toBe("/organizations/new");
    const newOrganisation = await interactive(adaPage.getByRole("form", { name: "New organisation" }));
    await newOrganisation.getByLabel("Name").fill(organisation);
    expect(await newOrganisation.getByLabel("Address").inputValue()).toBe(`lovelace-instruments-${stamp}`);
    await newOrganisation.getByRole("button", { name: "Create organisation" }).click();

    await heading(adaPage, `Members of ${organisation}`).waitFor();
    expect(await adaPage.getByLabel(`Role for ${ada.name}`).inputValue()).toBe("owner");
    expect(await adaPage.getByLabel("Organisation").inputValue()).not.toBe("");

    // She invites Ben and copies the link (Tally sends no email).
    const invite = await interactive(adaPage.getByRole("form", { name: "Invite someone" }));
    await invite.getByLabel("Email").fill(ben.email);
    await invite.getByLabel("Role").selectOption("member");
    await invite.getByRole("button", { name: "Create invitation" }).click();
    const inviteLink = await invite.getByLabel("Invite link").inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/invitations/[A-Za-z0-9_-]+$`));
    await adaPage.getByRole("region", { name: "Pending invitations" }).getByText(ben.email).waitFor();

    // Ben opens the link signed out: he is asked to sign up or in, and comes back to it.
    await benPage.goto(inviteLink);
    await heading(benPage, "You have been invited to Tally").waitFor();
    await benPage.getByRole("link", { name: "Create an account" }).click();
    await heading(benPage, "Create your account").waitFor();
    expect(at(benPage).searchParams.get("next")).toBe(new URL(inviteLink).pathname);
    await fillSignUp(benPage, ben);

    await heading(benPage, `Join ${organisation}`).waitFor();
    expect(at(benPage).href).toBe(inviteLink);
    await benPage.getByText(`${ada.name} invited you to join ${organisation} as a member.`).waitFor();
    await benPage.getByRole("button", { name: "Accept invitation" }).click();

    // A member sees the team, but no role controls, invitations or invite form.
    await heading(benPage, `Members of ${organisation}`).waitFor();
    await memberRow(benPage, ben.name).getByRole("cell", { name: "Member", exact: true }).waitFor();
    expect(await memberRow(benPage, ada.name).getByRole("cell", { name: "Owner", exact: true }).count()).toBe(
      1,
    );
    expect(await benPage.getByLabel(/^Role for /).count()).toBe(0);
    expect(await benPage.getByRole("button", { name: /^Remove / }).count()).toBe(0);
    expect(await benPage.getByRole("form", { name: "Invite someone" }).count()).toBe(0);
    expect(await benPage.getByRole("link", { name: "Audit log" }).count()).toBe(0);

    // Calling the API himself, from his own signed-in page, does not help either.
    const attempt = await benPage.evaluate(async (benEmail) => {
      const listed = await fetch("/api/trpc/org.members.list").then((response) => response.json());
      const members: { id: string; user: { email: string } }[] = listed.result.data.json;
      const self = members.find((member) => member.user.email === benEmail);
      const response = await fetch("/api/trpc/org.members.updateRole", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { memberId: self?.id, role: "admin" } }),
      });
      return { status: response.status, body: await response.json() };
    }, ben.email);
    expect(attempt.status).toBe(403);
    expect(attempt.body.error.json.data.code).toBe("FORBIDDEN");
    await benPage.reload();
    await memberRow(benPage, ben.name).getByRole("cell", { name: "Member", exact: true }).waitFor();

    // Ada, an owner, makes Ben an admin and sees it.
    await adaPage.reload();
    const benRole = adaPage.getByLabel(`Role for ${ben.name}`);
    expect(await benRole.inputValue()).toBe("member");
    await benRole.selectOption("admin");
    await adaPage.getByRole("status").getByText(`${ben.name} is now admin`).waitFor();
    expect(await benRole.inputValue()).toBe("admin");
    await adaPage.reload(); // kept, not only shown
    expect(await adaPage.getByLabel(`Role for ${ben.name}`).inputValue()).toBe("admin");

    // The change is in the audit log, by Ada, about Ben.
    await adaPage.getByRole("link", { name: "Audit log" }).click();
    await heading(adaPage, "Audit log").waitFor();
    const roleChange = adaPage.getByRole("row", { name: /Role changed/ });
    await roleChange.first().waitFor();
    expect(await roleChange.first().textContent()).toContain(ben.name);

    // Ben, now an admin, gets the controls on his next visit.
    await benPage.reload();
    await benPage.getByLabel(`Role for ${ada.name}`).waitFor();

    // Ben signs out from the header menu; the members page now sends him to sign in.
    await benPage.getByText(`Account menu for ${ben.name}`).click();
    await benPage.getByRole("button", { name: "Sign out" }).click();
    await benPage.waitForURL((url) => url.pathname === "/sign-in");
    await benPage.goto(`${server.url}/members`);
    expect(at(benPage).pathname).toBe("/sign-in");
    expect(at(benPage).searchParams.get("next")).toBe("/members");
    await heading(benPage, "Sign in").waitFor();
  });
});

describe("signing in", () => {
  test("a wrong password gets one generic answer; too many tries are told when to come back", async () => {
    await benBrowser.context.clearCookies();
    const page = await benBrowser.context.newPage();
    await page.goto(`${server.url}/sign-in?next=/sessions`);
    const form = await interactive(page.getByRole("form", { name: "Sign in" }));
    const refusal = form.getByRole("alert");
    await form.getByLabel("Email").fill(`nobody-${stamp}@example.test`);
    await form.getByLabel("Password").fill("not-the-password");
    // Five tries per account are allowed; each says the same, whether or not the account exists.
    for (let attempt = 1; attempt <= 5; attempt++) {
      await form.getByRole("button", { name: "Sign in" }).click();
      await refusal.getByText("Incorrect email or password.").waitFor();
      await form.getByRole("button", { name: "Sign in" }).and(page.locator(":enabled")).waitFor();
    }
    await form.getByRole("button", { name: "Sign in" }).click();
    await refusal.getByText(/^Too many attempts, try again in \d+ s\.$/).waitFor();
    expect(at(page).pathname).toBe("/sign-in");
    await page.close();
  });

  test("a next= that points off the site lands on the home page instead", async () => {
    await benBrowser.context.clearCookies();
    const page = await benBrowser.context.newPage();
    await page.goto(`${server.url}/sign-in?next=//evil.example/steal`);
    const form = await interactive(page.getByRole("form", { name: "Sign in" }));
    await form.getByLabel("Email").fill(demoOwner.email);
    await form.getByLabel("Password").fill(demoOwner.password);
    await form.getByRole("button", { name: "Sign in" }).click();
    await heading(page, "Dashboard").waitFor();
    expect(at(page).origin).toBe(server.url);
    await page.close();
  });
});

describe("the sessions page", () => {
  test("marks this session and signs out every other one, bearer tokens included", async () => {
    await benBrowser.context.clearCookies();
    const page = await benBrowser.context.newPage();
    const token = await signInForToken(server.url, demoOwner);
    const me = () =>
      fetch(`${server.url}/api/trpc/account.me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);

    await signInThroughPage(page, server.url, demoOwner);
    await page.goto(`${server.url}/sessions`);
    await heading(page, "Your sessions").waitFor();
    const rows = page.getByRole("row");
    expect(await rows.count()).toBeGreaterThanOrEqual(1 + 2); // the header row, this session, the token's
    await page.getByRole("row", { name: /This session/ }).waitFor();

    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await page
      .getByRole("status")
      .getByText(/^Signed out \d+ other sessions?$/)
      .waitFor();
    expect(await rows.count()).toBe(1 + 1);
    expect((await me()).status).toBe(401);
    await page.close();
  });
});

describe("the organisation switcher", () => {
  test("creates a second organisation and switches back to the first", async () => {
    await benBrowser.context.clearCookies();
    const page = await benBrowser.context.newPage();
    const cleo = { name: "Cleo Park", email: `cleo-${stamp}@example.test`, password: "switching-orgs-2026" };
    await page.goto(`${server.url}/sign-up`);
    await fillSignUp(page, cleo);
    for (const name of [`First ${stamp}`, `Second ${stamp}`]) {
      if (name.startsWith("Second")) await page.getByLabel("Organisation").selectOption("new");
      const form = await interactive(page.getByRole("form", { name: "New organisation" }));
      await form.getByLabel("Name").fill(name);
      await form.getByRole("button", { name: "Create organisation" }).click();
      await heading(page, `Members of ${name}`).waitFor();
    }

    const switcher = page.getByLabel("Organisation");
    expect(await switcher.locator("option:checked").textContent()).toBe(`Second ${stamp}`);
    await switcher.selectOption({ label: `First ${stamp}` });
    await heading(page, `Members of First ${stamp}`).waitFor();
    await page.reload(); // the session remembers the choice
    await heading(page, `Members of First ${stamp}`).waitFor();
    await page.close();
  });
});
