import { describe, expect, test } from "vitest";
import { authConfigFromEnv } from "./env.ts";

describe("auth configuration", () => {
  test("a deployment without a secret refuses to start, naming the variable", () => {
    expect(() =>
      authConfigFromEnv({ NODE_ENV: "production", BETTER_AUTH_URL: "https://tally.example.com" }),
    ).toThrow(/^Invalid configuration: BETTER_AUTH_SECRET: /);
  });

  test("a short secret is refused", () => {
    expect(() => authConfigFromEnv({ BETTER_AUTH_SECRET: "short" })).toThrow(
      /BETTER_AUTH_SECRET: must be at least 32/,
    );
  });

  test("https means Secure cookies; the web origin and listed origins are trusted", () => {
    const config = authConfigFromEnv({
      NODE_ENV: "production",
      BETTER_AUTH_URL: "https://tally.example.com/app",
      BETTER_AUTH_SECRET: "x".repeat(40),
      TALLY_TRUSTED_ORIGINS: "tally://, https://admin.example.com",
    });
    expect(config).toMatchObject({
      production: true,
      trustedOrigins: ["https://tally.example.com", "tally://", "https://admin.example.com"],
    });
  });

  test("a production build on this machine may run with the development secret", () => {
    expect(authConfigFromEnv({ NODE_ENV: "production" })).toMatchObject({
      baseURL: "http://127.0.0.1:3000",
      production: false,
    });
  });

  test("the session cache lasts 15 s unless configured; 0 turns it off; a bad value names the variable", () => {
    expect(authConfigFromEnv({}).sessionCacheSeconds).toBe(15);
    expect(authConfigFromEnv({ TALLY_SESSION_CACHE_SECONDS: "0" }).sessionCacheSeconds).toBe(0);
    expect(() => authConfigFromEnv({ TALLY_SESSION_CACHE_SECONDS: "3600" })).toThrow(
      /^Invalid configuration: TALLY_SESSION_CACHE_SECONDS: /,
    );
  });
});
