import { type RulesConfig, rulesConfigFromEnv } from "@tally/api";
import { type AuthConfig, authConfigFromEnv } from "@tally/auth";
import { type DatabaseConfig, databaseConfigFromEnv, databaseEnv } from "@tally/db";
import { z } from "zod";
import { type EventsConfig, eventsConfigFrom, eventsEnv } from "../events/events-config.ts";
import { limitsEnv, limitsFrom, type TrpcLimits } from "../limits/limits-config.ts";
import { type TracingConfig, tracingConfigFromEnv } from "../tracing/tracing.ts";
import { type PaymentsWebhookConfig, paymentsWebhookConfigFromEnv } from "../webhooks/payments-config.ts";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every host reads, whichever it is: the variables both the web app and apps/server honour. */
export const hostEnv = databaseEnv
  .extend(limitsEnv.shape)
  .extend(eventsEnv.shape)
  .extend({
    NODE_ENV: z.string().optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
    /** What several instances share (rate limits, one-time credentials, session-cache notices); unset: this process only. */
    REDIS_URL: z
      .url()
      .refine((url) => /^rediss?:$/.test(new URL(url).protocol), "must be a redis:// or rediss:// URL")
      .optional(),
    /** The mail server invoices, receipts, reminders and invitations go through; unset: the development outbox. */
    SMTP_URL: z
      .url()
      .refine((url) => /^smtps?:$/.test(new URL(url).protocol), "must be an smtp:// or smtps:// URL")
      .optional(),
    /** The address Tally's emails come from; each organisation's sender name goes with it. */
    MAIL_FROM: z.email().default("no-reply@tally.localhost"),
    /** Prefix of Tally's keys and channels in that Redis. */
    TALLY_REDIS_PREFIX: z.string().min(1).max(64).default("tally:"),
  });

export type HostConfig = {
  database: DatabaseConfig;
  auth: AuthConfig;
  limits: TrpcLimits;
  payments: PaymentsWebhookConfig;
  /** The rules' own settings (idempotency TTL: TALLY_IDEMPOTENCY_TTL_SECONDS). */
  rules: RulesConfig;
  /** OpenTelemetry: off unless OTEL_TRACES_EXPORTER or OTEL_EXPORTER_OTLP_ENDPOINT says otherwise. */
  tracing: TracingConfig;
  logLevel: LogLevel;
  sharedState: { redisUrl: string | undefined; keyPrefix: string };
  mail: { smtpUrl: string | undefined; fromAddress: string };
  /** The event hub: its poll, its LISTEN connection, how long events are kept. */
  events: EventsConfig;
};

/** A bad variable, named in one line; hosts print it and exit instead of a stack trace. */
export class ConfigError extends Error {}

/** Validated once at start: the first bad variable stops the host with `Invalid configuration: NAME: why`. */
export function hostConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HostConfig {
  const parsed = parseEnv(hostEnv, env);
  return {
    database: oneLine(() => databaseConfigFromEnv(env)),
    auth: oneLine(() => authConfigFromEnv(env)),
    limits: limitsFrom(parsed),
    payments: oneLine(() => paymentsWebhookConfigFromEnv(env)),
    rules: oneLine(() => rulesConfigFromEnv(env)),
    tracing: tracingConfigFromEnv(env),
    logLevel: parsed.LOG_LEVEL ?? (parsed.NODE_ENV === "test" ? "silent" : "info"),
    sharedState: { redisUrl: parsed.REDIS_URL, keyPrefix: parsed.TALLY_REDIS_PREFIX },
    mail: { smtpUrl: parsed.SMTP_URL, fromAddress: parsed.MAIL_FROM },
    events: eventsConfigFrom(parsed),
  };
}

/** `schema` over `env`, or a ConfigError naming the first variable that is wrong. */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv): z.infer<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? "environment");
  throw new ConfigError(`Invalid configuration: ${name}: ${issue?.message ?? "invalid"}`);
}

function oneLine<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}
