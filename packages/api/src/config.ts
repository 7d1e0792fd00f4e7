import { ConfigError, parseEnv } from "@tally/validators";
import type { LevelWithSilent } from "pino";
import { z } from "zod";

const DAY_SECONDS = 86_400;
/** A few seconds of streaming at most: beyond it a request would hold a connection and the member's tab. */
const DEFAULT_INVOICE_EXPORT_MAX_ROWS = 5_000;
/** Below the pool's 10 connections, so reads and other writes always find one. */
const DEFAULT_PLACEMENT_CONCURRENCY = 4;

/** What the rules themselves take from the environment; hosts read it once at start and pass it to createContext. */
const rulesEnv = z.object({
  /** How long an idempotency key is remembered: a retry later than this runs the mutation again. */
  TALLY_IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 second")
    .max(30 * DAY_SECONDS, "must be at most 30 days")
    .default(DAY_SECONDS),
  /** Days between two payment reminders for one overdue invoice. */
  TALLY_REMINDER_INTERVAL_DAYS: z.coerce
    .number()
    .int("must be a whole number of days")
    .min(1)
    .max(90)
    .default(7),
  /** Invoice exports up to this many rows download directly; larger ones are prepared as a report. */
  TALLY_INVOICE_EXPORT_MAX_ROWS: z.coerce
    .number()
    .int("must be a whole number of rows")
    .min(0, "must be 0 or more")
    .default(DEFAULT_INVOICE_EXPORT_MAX_ROWS),
  /**
   * Order placements one process runs at once (0: no bound); more wait in the
   * process, holding no connection (docs/decisions/016-hot-product-placement.md).
   */
  TALLY_PLACEMENT_CONCURRENCY: z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 (no bound) or more")
    .max(1_000)
    .default(DEFAULT_PLACEMENT_CONCURRENCY),
  /** Live event streams one user may hold open in one process. */
  TALLY_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Live event streams one connection may carry (a WebSocket multiplexes them). */
  TALLY_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(100).default(5),
  /** Events waiting for one slow subscriber before it is told to resync instead. */
  TALLY_SUBSCRIPTION_BUFFER: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How often an open stream confirms its member still belongs and their session stands. */
  TALLY_SUBSCRIPTION_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The insights service (apps/insights); unset, `insights.*` answers "unavailable: not configured". */
  INSIGHTS_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  /** The service credential it requires (its own INSIGHTS_SERVICE_TOKEN). */
  INSIGHTS_SERVICE_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  /** How long one attempt may take before it counts as a failure. */
  INSIGHTS_TIMEOUT_MS: z.coerce
    .number()
    .int("must be a whole number of milliseconds")
    .min(50, "must be at least 50 ms")
    .max(30_000, "must be at most 30 s")
    .default(1_500),
  /** Hosts outgoing webhooks may reach although private or loopback (comma-separated), e.g. 127.0.0.1 in tests. */
  TALLY_WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Failed delivery attempts in a row after which an endpoint is disabled. */
  TALLY_WEBHOOK_DISABLE_AFTER: z.coerce.number().int("must be a whole number").min(1).max(1000).default(20),
});

/** Outgoing webhooks: where they may go, and when an endpoint that keeps failing is switched off. */
export type WebhooksConfig = { allowedHosts: readonly string[]; disableAfterFailures: number };

/** Where the insights service is and how long to wait for it (insights/insights-client.ts). */
export type InsightsConfig = { url: string; token: string; timeoutMs: number };

/** Limits of live event streams (events/events.stream.ts). */
export type SubscriptionLimits = {
  perUser: number;
  perConnection: number;
  /** Events held for a subscriber that has not taken them yet; past it, a resync. */
  buffer: number;
  recheckMs: number;
  /** Events a reconnecting subscriber may be sent from the table; further behind, a resync. */
  catchUpMax: number;
};

export type RulesConfig = {
  idempotencyTtlMs: number;
  reminderIntervalMs: number;
  invoiceExportMaxRows: number;
  placementConcurrency: number;
  insights: InsightsConfig | null;
  webhooks: WebhooksConfig;
  subscriptions: SubscriptionLimits;
};

const CATCH_UP_MAX = 10_000;

export const defaultRulesConfig: RulesConfig = Object.freeze({
  idempotencyTtlMs: DAY_SECONDS * 1000,
  reminderIntervalMs: 7 * DAY_SECONDS * 1000,
  invoiceExportMaxRows: DEFAULT_INVOICE_EXPORT_MAX_ROWS,
  placementConcurrency: DEFAULT_PLACEMENT_CONCURRENCY,
  insights: null,
  webhooks: Object.freeze({ allowedHosts: [], disableAfterFailures: 20 }),
  subscriptions: Object.freeze({
    perUser: 10,
    perConnection: 5,
    buffer: 500,
    recheckMs: 30_000,
    catchUpMax: CATCH_UP_MAX,
  }),
});

/** Throws one line naming the bad variable. */
export function rulesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RulesConfig {
  const parsed = parseEnv(rulesEnv, env);
  const { INSIGHTS_URL: url, INSIGHTS_SERVICE_TOKEN: token } = parsed;
  if (url && !token)
    throw new ConfigError("Invalid configuration: INSIGHTS_SERVICE_TOKEN: required when INSIGHTS_URL is set");
  return {
    idempotencyTtlMs: parsed.TALLY_IDEMPOTENCY_TTL_SECONDS * 1000,
    reminderIntervalMs: parsed.TALLY_REMINDER_INTERVAL_DAYS * DAY_SECONDS * 1000,
    invoiceExportMaxRows: parsed.TALLY_INVOICE_EXPORT_MAX_ROWS,
    placementConcurrency: parsed.TALLY_PLACEMENT_CONCURRENCY,
    subscriptions: {
      perUser: parsed.TALLY_SUBSCRIPTIONS_PER_USER,
      perConnection: parsed.TALLY_SUBSCRIPTIONS_PER_CONNECTION,
      buffer: parsed.TALLY_SUBSCRIPTION_BUFFER,
      recheckMs: parsed.TALLY_SUBSCRIPTION_RECHECK_SECONDS * 1000,
      catchUpMax: CATCH_UP_MAX,
    },
    // Frozen: the client (breaker, bulkhead, cache) is kept per configuration object, one per process.
    insights:
      url && token
        ? Object.freeze({ url: url.replace(/\/+$/, ""), token, timeoutMs: parsed.INSIGHTS_TIMEOUT_MS })
        : null,
    webhooks: Object.freeze({
      allowedHosts: parsed.TALLY_WEBHOOK_ALLOWED_HOSTS,
      disableAfterFailures: parsed.TALLY_WEBHOOK_DISABLE_AFTER,
    }),
  };
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * What the process-wide pieces read (the logger, the error formatter, tRPC's
 * `isDev`): they exist before any host passes configuration in.
 */
export const processEnv = z.object({
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  /** Keep-alive pings on live event streams (SSE; the WebSocket server pings on its own). */
  TALLY_STREAM_PING_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** A live stream ends after this long and its client reconnects from its last event. */
  TALLY_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1800),
});

export type ProcessConfig = {
  /** Error responses keep internal messages (never in production). */
  development: boolean;
  logLevel: LevelWithSilent;
  /** tRPC's stream settings, fixed when it is initialised (trpc.ts). */
  streams: { pingMs: number; maxDurationMs: number };
};

export function processConfigFromEnv(env: Record<string, string | undefined>): ProcessConfig {
  const { NODE_ENV, LOG_LEVEL, TALLY_STREAM_PING_SECONDS, TALLY_STREAM_MAX_SECONDS } = parseEnv(
    processEnv,
    env,
  );
  return {
    development: NODE_ENV === "development",
    // Test runs stay quiet unless a level is asked for.
    logLevel: LOG_LEVEL ?? (NODE_ENV === "test" ? "silent" : "info"),
    streams: { pingMs: TALLY_STREAM_PING_SECONDS * 1000, maxDurationMs: TALLY_STREAM_MAX_SECONDS * 1000 },
  };
}

let current: ProcessConfig | undefined;

/** This process's configuration: the environment is read and validated once, on first use. */
export function processConfig(): ProcessConfig {
  current ??= processConfigFromEnv(process.env);
  return current;
}
