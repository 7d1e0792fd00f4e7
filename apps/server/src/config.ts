import { type RulesConfig, rulesConfigFromEnv } from "@tally/api";
import { type AuthConfig, authConfigFromEnv } from "@tally/auth";
import { databaseEnv } from "@tally/db";
import { z } from "zod";

const serverEnv = databaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set behind a reverse proxy that writes x-forwarded-for; rate limits key on the client address. */
  TALLY_TRUST_PROXY: z.stringbool().default(false),
  /** Shared with the web app: calls it forwards are accepted only with a credential sealed with this. */
  TALLY_SERVICE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Serve plain tRPC calls without the official adapter's per-request overhead (docs/decisions/003). */
  TALLY_EXPRESS_LANE: z.stringbool().default(true),
  /** Enforced by both tRPC paths: more calls in one batch is a 400. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /** Enforced by both tRPC paths: a larger request body is a 413. */
  TRPC_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
});

export type ServerConfig = z.infer<typeof serverEnv> & { auth: AuthConfig; rules: RulesConfig };

export class ConfigError extends Error {}

/** One line naming the first bad variable, never a stack trace. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = serverEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`Invalid configuration: ${name}: ${issue?.message ?? "invalid"}`);
  }
  try {
    return { ...parsed.data, auth: authConfigFromEnv(env), rules: rulesConfigFromEnv(env) };
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}
