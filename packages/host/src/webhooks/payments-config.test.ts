import { describe, expect, test } from "vitest";
import { DEVELOPMENT_WEBHOOK_SECRET, paymentsWebhookConfigFromEnv } from "./payments-config.ts";

describe("payments webhook configuration", () => {
  test("outside production a development secret and a five-minute tolerance apply", () => {
    expect(paymentsWebhookConfigFromEnv({ NODE_ENV: "development" })).toEqual({
      secret: DEVELOPMENT_WEBHOOK_SECRET,
      toleranceSeconds: 300,
    });
  });

  test("a deployment without a secret refuses to start, in one line naming the variable", () => {
    expect(() =>
      paymentsWebhookConfigFromEnv({ NODE_ENV: "production", BETTER_AUTH_URL: "https://tally.example.com" }),
    ).toThrow(/^Invalid configuration: PAYMENTS_WEBHOOK_SECRET: required in production[^\n]*$/);
  });

  test("a production build on this machine's loopback address may use the development secret", () => {
    expect(
      paymentsWebhookConfigFromEnv({ NODE_ENV: "production", BETTER_AUTH_URL: "http://127.0.0.1:3000" }),
    ).toMatchObject({ secret: DEVELOPMENT_WEBHOOK_SECRET });
  });

  test("a short secret or a bad tolerance is refused, naming the variable", () => {
    expect(() => paymentsWebhookConfigFromEnv({ PAYMENTS_WEBHOOK_SECRET: "short" })).toThrow(
      /PAYMENTS_WEBHOOK_SECRET: must be at least 32/,
    );
    expect(() => paymentsWebhookConfigFromEnv({ PAYMENTS_WEBHOOK_TOLERANCE_SECONDS: "soon" })).toThrow(
      /PAYMENTS_WEBHOOK_TOLERANCE_SECONDS/,
    );
  });

  test("production takes the provider's secret and a configured tolerance", () => {
    const secret = "whsec_0123456789abcdefghijklmnopqrstuv";
    expect(
      paymentsWebhookConfigFromEnv({
        NODE_ENV: "production",
        BETTER_AUTH_URL: "https://tally.example.com",
        PAYMENTS_WEBHOOK_SECRET: secret,
        PAYMENTS_WEBHOOK_TOLERANCE_SECONDS: "120",
      }),
    ).toEqual({ secret, toleranceSeconds: 120 });
  });
});
