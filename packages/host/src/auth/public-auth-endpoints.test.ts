import { expect, test } from "vitest";
import { isPublicAuthRequest, publicAuthHandler } from "./public-auth-endpoints.ts";

test("only signing up, in and out and reading the session reach the auth library", () => {
  expect(isPublicAuthRequest("POST", "/api/auth/sign-in/email")).toBe(true);
  expect(isPublicAuthRequest("POST", "/api/auth/sign-up/email")).toBe(true);
  expect(isPublicAuthRequest("POST", "/api/auth/sign-out")).toBe(true);
  expect(isPublicAuthRequest("GET", "/api/auth/get-session")).toBe(true);
  expect(isPublicAuthRequest("OPTIONS", "/api/auth/sign-in/email")).toBe(true);
});

test("the library's organisation routes, wrong methods and look-alike paths do not", () => {
  for (const [method, path] of [
    ["GET", "/api/auth/organization/get-full-organization?organizationId=x"],
    ["POST", "/api/auth/organization/set-active"],
    ["POST", "/api/auth/organization/invite-member"],
    ["POST", "/api/auth/organization/cancel-invitation"],
    ["GET", "/api/auth/list-sessions"],
    ["GET", "/api/auth/sign-out"],
    ["POST", "/api/auth/get-session"],
    ["POST", "/api/auth/sign-in/email/../../organization/create"],
    ["GET", "/api/auth/constructor"],
    ["GET", "/api/auth/__proto__"],
    ["POST", "/trpc/sign-in/email"],
  ] as const) {
    expect(isPublicAuthRequest(method, path), `${method} ${path}`).toBe(false);
  }
});

test("a refused path never reaches the library's handler", async () => {
  const reached: string[] = [];
  const handler = publicAuthHandler({
    handler: async (request: Request) => {
      reached.push(new URL(request.url).pathname);
      return new Response("library");
    },
  });
  const refused = await handler(
    new Request("http://h.test/api/auth/organization/set-active", { method: "POST" }),
  );
  expect(refused.status).toBe(404);
  expect(await refused.json()).toEqual({ error: "Not found" });
  const served = await handler(new Request("http://h.test/api/auth/get-session"));
  expect(await served.text()).toBe("library");
  expect(reached).toEqual(["/api/auth/get-session"]);
});
