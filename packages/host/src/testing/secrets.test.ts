import { expect, test } from "vitest";
import {
  expectNoSecretsIn,
  LoggedSecretError,
  rememberSecret,
  rememberSecretsOf,
  rememberSessionFrom,
  secretsIn,
} from "./secrets.ts";

test("the scan finds every kind of secret it was told about, and names the kind, not the value", () => {
  rememberSecretsOf({ BETTER_AUTH_SECRET: "auth-secret-value-123", PORT: "4000", LOG_LEVEL: "info" });
  rememberSecret("password", "correct-horse-battery");
  const response = new Response(null, {
    headers: [
      ["set-auth-token", "bearer-token-abcdef"],
      ["set-cookie", "better-auth.session_token=cookie%2Evalue%2Bsigned; Path=/; HttpOnly"],
    ],
  });
  rememberSessionFrom(response);

  expect(secretsIn('{"msg":"call","path":"health.ping"} 4000 info')).toEqual([]);
  expect(secretsIn("login with correct-horse-battery")).toEqual(["password"]);
  expect(secretsIn("authorization: Bearer bearer-token-abcdef")).toEqual(["bearer token"]);
  expect(secretsIn("cookie=cookie.value+signed")).toEqual(["session cookie"]);
  expect(() => expectNoSecretsIn("secret=auth-secret-value-123", "apps/server")).toThrow(LoggedSecretError);
  expect(() => expectNoSecretsIn("secret=auth-secret-value-123", "apps/server")).toThrow(
    /^apps\/server printed secrets: BETTER_AUTH_SECRET$/,
  );
});

test("short values are not secrets to search for: they would match ordinary text", () => {
  rememberSecret("pin", "1234");
  expect(secretsIn("port 1234")).toEqual([]);
});
