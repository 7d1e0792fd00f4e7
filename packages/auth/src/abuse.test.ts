/**
 * Abuse protections, exercised over HTTP through the auth handler exactly as
 * browsers and scripts reach it.
 */
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Auth, createAuth } from "./auth.ts";

const ORIGIN = "http://127.0.0.1:3000";
let database: TestDatabase;
let auth: Auth;

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth({
    prisma: database.prisma,
    config: {
      secret: "abuse-test-secret-0123456789abcdef0123",
      baseURL: ORIGIN,
      trustedOrigins: [ORIGIN],
      production: false,
    },
    signInLimits: {
      perAddress: { points: 8, durationSeconds: 60 },
      perAccount: { points: 3, durationSeconds: 60 },
    },
  });
});
afterAll(() => database?.close());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        "x-forwarded-for": "198.51.100.1",
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );
}

async function signUp(email: string, address: string) {
  const response = await post(
    "/sign-up/email",
    { email, password: "a long enough password", name: "Someone" },
    { "x-forwarded-for": address },
  );
  expect(response.status).toBe(200);
  return response;
}

describe("rate limits on sign-in", () => {
  test("one account: the fourth attempt in a minute is refused with 429 and Retry-After, whatever the address", async () => {
    await signUp("target@example.test", "203.0.113.10");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await post(
        "/sign-in/email",
        { email: "target@example.test", password: "wrong password!" },
        { "x-forwarded-for": `203.0.113.${20 + attempt}` },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  test("one address: spraying many accounts is refused after the address's budget", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      const response = await post(
        "/sign-in/email",
        { email: `spray${attempt}@example.test`, password: "guess guess" },
        { "x-forwarded-for": "192.0.2.77" },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 8).every((status) => status === 401)).toBe(true);
    expect(statuses[8]).toBe(429);
  });
});

describe("no user enumeration", () => {
  test("a wrong password and an unknown email get the same answer", async () => {
    await signUp("known@example.test", "203.0.113.50");
    const known = await post(
      "/sign-in/email",
      { email: "known@example.test", password: "not the password" },
      { "x-forwarded-for": "203.0.113.51" },
    );
    const unknown = await post(
      "/sign-in/email",
      { email: "nobody@example.test", password: "not the password" },
      { "x-forwarded-for": "203.0.113.52" },
    );
    expect(known.status).toBe(unknown.status);
    expect(await known.json()).toEqual(await unknown.json());
  });
});

describe("cross-site requests to the auth endpoints", () => {
  test("a request from a foreign origin carrying the session cookie is refused", async () => {
    const signedUp = await signUp("victim@example.test", "203.0.113.60");
    const cookie = signedUp.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const response = await post("/sign-out", {}, { origin: "https://evil.example", cookie });
    expect(response.status).toBe(403);
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.email).toBe("victim@example.test");
  });
});

describe("passwords", () => {
  test("are stored as a memory-hard scrypt hash, never in clear", async () => {
    await signUp("hashed@example.test", "203.0.113.70");
    const account = await database.prisma.account.findFirstOrThrow({
      where: { user: { email: "hashed@example.test" } },
    });
    expect(account.password).not.toContain("a long enough password");
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });
});
