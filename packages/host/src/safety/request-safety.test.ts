/**
 * Cross-site request forgery against cookie sessions, through tRPC's fetch
 * adapter as the web app mounts it: a mutation that rides on the session
 * cookie must come from a trusted origin as JSON, or it changes nothing.
 */

import { appRouter, createContext } from "@tally/api";
import { createTestApi, type TestApi, type TestOrganisation, testAuthConfig } from "@tally/api/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, expect, test } from "vitest";
import { requestSafety } from "./request-safety.ts";

const ORIGIN = testAuthConfig.baseURL;
let api: TestApi;
let org: TestOrganisation;
let cookie: string;

beforeAll(async () => {
  api = await createTestApi();
  org = await api.organisation("Forgery target");
  const signIn = await api.auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: org.owner.email, password: "correct horse battery staple" }),
    }),
  );
  cookie = signIn.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
});
afterAll(() => api?.close());

function createProduct(
  headers: Record<string, string>,
  body = JSON.stringify({
    json: {
      sku: `X-${Math.random().toString(36).slice(2, 8)}`,
      name: "Forged",
      priceMinor: 1,
      currency: "USD",
    },
  }),
) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: new Request(`${ORIGIN}/api/trpc/catalog.products.create`, { method: "POST", headers, body }),
    createContext: ({ req }) =>
      createContext({
        db: api.db,
        auth: api.auth,
        headers: req.headers,
        safety: requestSafety(req.headers, api.auth.options.trustedOrigins),
      }),
  });
}

const productCount = () => api.db.product.count({ where: { organizationId: org.id } });

test("a same-origin JSON mutation with the session cookie works", async () => {
  const response = await createProduct({ cookie, origin: ORIGIN, "content-type": "application/json" });
  expect(response.status).toBe(200);
});

test.each([
  ["from another site", { origin: "https://evil.example", "content-type": "application/json" }],
  ["with no Origin at all", { "content-type": "application/json" }],
  [
    "flagged cross-site by the browser",
    { origin: ORIGIN, "sec-fetch-site": "cross-site", "content-type": "application/json" },
  ],
  ["as a form post", { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }],
  ["as a plain-text post", { origin: ORIGIN, "content-type": "text/plain" }],
])("a cookie-authenticated mutation %s is refused and changes nothing", async (_case, headers) => {
  const before = await productCount();
  const response = await createProduct({ cookie, ...headers });
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(await productCount()).toBe(before);
});

test("the refusal is FORBIDDEN with a message that says why", async () => {
  const response = await createProduct({
    cookie,
    origin: "https://evil.example",
    "content-type": "application/json",
  });
  expect(response.status).toBe(403);
  expect(await response.json()).toMatchObject({
    error: { json: { message: "Cross-site request refused", data: { code: "FORBIDDEN" } } },
  });
});

test("a bearer token is not an ambient credential: it works from any origin", async () => {
  const response = await createProduct({
    authorization: `Bearer ${org.owner.token}`,
    origin: "https://partner.example",
    "content-type": "application/json",
  });
  expect(response.status).toBe(200);
});
