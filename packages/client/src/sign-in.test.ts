import { expect, test } from "vitest";
import { authUrlFor } from "./auth-endpoints.ts";
import { signInWithEmail, signOutSession } from "./sign-in.ts";

const credentials = { email: "alice@demo.tally.test", password: "tally-demo-password" };

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const sent: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Request(input, init));
    return Response.json(body, { status, headers });
  };
  return { fetch, sent };
}

test("the auth endpoint sits on the tRPC endpoint's origin, for either host", () => {
  expect(authUrlFor("http://127.0.0.1:3000/api/trpc")).toBe("http://127.0.0.1:3000/api/auth");
  expect(authUrlFor("https://api.tally.example/trpc")).toBe("https://api.tally.example/api/auth");
});

test("a successful sign-in posts the credentials as JSON and returns the bearer token", async () => {
  const host = answering(200, { token: "t-123", user: { id: "u1" } });

  const result = await signInWithEmail({
    authUrl: "http://h.test/api/auth",
    ...credentials,
    fetch: host.fetch,
  });

  expect(result).toEqual({ ok: true, token: "t-123" });
  expect(host.sent[0]?.url).toBe("http://h.test/api/auth/sign-in/email");
  expect(await host.sent[0]?.json()).toEqual(credentials);
});

test.each([
  [401, { code: "INVALID_EMAIL_OR_PASSWORD" }, {}, { ok: false, reason: "invalid-credentials" }],
  [403, { code: "INVALID_ORIGIN" }, {}, { ok: false, reason: "origin-not-trusted" }],
  [403, { code: "EMAIL_NOT_VERIFIED" }, {}, { ok: false, reason: "unexpected" }],
  [429, {}, { "x-retry-after": "7" }, { ok: false, reason: "rate-limited", retryAfterSeconds: 7 }],
  [502, {}, {}, { ok: false, reason: "unreachable" }],
  [200, { user: {} }, {}, { ok: false, reason: "unexpected" }],
])("status %i %j is reported as %j", async (status, body, headers, expected) => {
  const host = answering(status, body, headers);
  await expect(
    signInWithEmail({ authUrl: "http://h.test/api/auth", ...credentials, fetch: host.fetch }),
  ).resolves.toEqual(expected);
});

test("no network is reported, not thrown", async () => {
  const offline = () => Promise.reject(new TypeError("Network request failed"));
  await expect(
    signInWithEmail({ authUrl: "http://h.test/api/auth", ...credentials, fetch: offline }),
  ).resolves.toEqual({
    ok: false,
    reason: "unreachable",
  });
});

test("signing out sends the token to end the session, and never throws when offline", async () => {
  const host = answering(200, { success: true });
  await signOutSession({ authUrl: "http://h.test/api/auth", token: "t-123", fetch: host.fetch });
  expect(host.sent[0]?.headers.get("authorization")).toBe("Bearer t-123");

  const offline = () => Promise.reject(new TypeError("Network request failed"));
  await expect(
    signOutSession({ authUrl: "http://h.test/api/auth", token: "t", fetch: offline }),
  ).resolves.toBeUndefined();
});
