import { ConfigError } from "@tally/validators";
import { expect, test } from "vitest";
import { processConfigFromEnv, rulesConfigFromEnv } from "./config.ts";

test("development keeps internal error messages; tests are silent unless asked; otherwise info", () => {
  const streams = { pingMs: 15_000, maxDurationMs: 1_800_000 };
  expect(processConfigFromEnv({ NODE_ENV: "development" })).toEqual({
    development: true,
    logLevel: "info",
    streams,
  });
  expect(processConfigFromEnv({ NODE_ENV: "test" })).toEqual({
    development: false,
    logLevel: "silent",
    streams,
  });
  expect(processConfigFromEnv({ NODE_ENV: "test", LOG_LEVEL: "debug" })).toEqual({
    development: false,
    logLevel: "debug",
    streams,
  });
  expect(processConfigFromEnv({ NODE_ENV: "production" })).toEqual({
    development: false,
    logLevel: "info",
    streams,
  });
});

test("live streams ping and end after the configured seconds; a bad value names the variable", () => {
  expect(
    processConfigFromEnv({ TALLY_STREAM_PING_SECONDS: "5", TALLY_STREAM_MAX_SECONDS: "60" }).streams,
  ).toEqual({ pingMs: 5_000, maxDurationMs: 60_000 });
  expect(() => processConfigFromEnv({ TALLY_STREAM_PING_SECONDS: "0" })).toThrow(
    /^Invalid configuration: TALLY_STREAM_PING_SECONDS: /,
  );
});

test("subscription limits come from the environment, with defaults", () => {
  expect(rulesConfigFromEnv({}).subscriptions).toEqual({
    perUser: 10,
    perConnection: 5,
    buffer: 500,
    recheckMs: 30_000,
    catchUpMax: 10_000,
  });
  expect(rulesConfigFromEnv({ TALLY_SUBSCRIPTIONS_PER_USER: "2" }).subscriptions.perUser).toBe(2);
  expect(() => rulesConfigFromEnv({ TALLY_SUBSCRIPTION_BUFFER: "0" })).toThrow(
    /^Invalid configuration: TALLY_SUBSCRIPTION_BUFFER: /,
  );
});

test("a bad LOG_LEVEL is one line naming it", () => {
  expect(() => processConfigFromEnv({ LOG_LEVEL: "loud" })).toThrow(ConfigError);
  expect(() => processConfigFromEnv({ LOG_LEVEL: "loud" })).toThrow(/^Invalid configuration: LOG_LEVEL: /);
});

test("the reminder interval is whole days, 7 unless set, and a bad value names the variable", () => {
  expect(rulesConfigFromEnv({}).reminderIntervalMs).toBe(7 * 86_400_000);
  expect(rulesConfigFromEnv({ TALLY_REMINDER_INTERVAL_DAYS: "3" }).reminderIntervalMs).toBe(3 * 86_400_000);
  expect(() => rulesConfigFromEnv({ TALLY_REMINDER_INTERVAL_DAYS: "0" })).toThrow(
    /^Invalid configuration: TALLY_REMINDER_INTERVAL_DAYS: /,
  );
});

test("invoice exports download directly up to 5,000 rows unless TALLY_INVOICE_EXPORT_MAX_ROWS says otherwise", () => {
  expect(rulesConfigFromEnv({}).invoiceExportMaxRows).toBe(5_000);
  expect(rulesConfigFromEnv({ TALLY_INVOICE_EXPORT_MAX_ROWS: "200" }).invoiceExportMaxRows).toBe(200);
  expect(() => rulesConfigFromEnv({ TALLY_INVOICE_EXPORT_MAX_ROWS: "many" })).toThrow(
    /^Invalid configuration: TALLY_INVOICE_EXPORT_MAX_ROWS: /,
  );
  expect(() => rulesConfigFromEnv({ TALLY_INVOICE_EXPORT_MAX_ROWS: "-1" })).toThrow(
    "Invalid configuration: TALLY_INVOICE_EXPORT_MAX_ROWS: must be 0 or more",
  );
});

test("placements run 4 at a time per process unless TALLY_PLACEMENT_CONCURRENCY says otherwise (0: unbounded)", () => {
  expect(rulesConfigFromEnv({}).placementConcurrency).toBe(4);
  expect(rulesConfigFromEnv({ TALLY_PLACEMENT_CONCURRENCY: "0" }).placementConcurrency).toBe(0);
  expect(rulesConfigFromEnv({ TALLY_PLACEMENT_CONCURRENCY: "8" }).placementConcurrency).toBe(8);
  expect(() => rulesConfigFromEnv({ TALLY_PLACEMENT_CONCURRENCY: "-1" })).toThrow(
    "Invalid configuration: TALLY_PLACEMENT_CONCURRENCY: must be 0 (no bound) or more",
  );
});

test("the insights service: off unless INSIGHTS_URL is set, and then it needs its token", () => {
  expect(rulesConfigFromEnv({}).insights).toBeNull();
  const token = "t".repeat(32);
  expect(
    rulesConfigFromEnv({ INSIGHTS_URL: "http://127.0.0.1:8000/", INSIGHTS_SERVICE_TOKEN: token }).insights,
  ).toEqual({
    url: "http://127.0.0.1:8000",
    token,
    timeoutMs: 1500,
  });
  expect(() => rulesConfigFromEnv({ INSIGHTS_URL: "http://127.0.0.1:8000" })).toThrow(
    /^Invalid configuration: INSIGHTS_SERVICE_TOKEN: /,
  );
  expect(() => rulesConfigFromEnv({ INSIGHTS_URL: "ftp://x", INSIGHTS_SERVICE_TOKEN: token })).toThrow(
    /^Invalid configuration: INSIGHTS_URL: /,
  );
  expect(() =>
    rulesConfigFromEnv({ INSIGHTS_URL: "http://x", INSIGHTS_SERVICE_TOKEN: token, INSIGHTS_TIMEOUT_MS: "5" }),
  ).toThrow(/^Invalid configuration: INSIGHTS_TIMEOUT_MS: /);
});
