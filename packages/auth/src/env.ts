import { z } from "zod";

/** Only for development and tests: production refuses to start without a real secret. */
const DEVELOPMENT_SECRET = "tally-development-secret-not-for-production-use";

const authEnv = z.object({
  NODE_ENV: z.string().optional(),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  BETTER_AUTH_URL: z.url().optional(),
  /** Comma-separated origins allowed to send cookies with mutations (the web app, the Expo scheme). */
  TALLY_TRUSTED_ORIGINS: z.string().optional(),
  /** Seconds a resolved session is reused before the database is asked again (session-cache.ts); 0 is off. */
  TALLY_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(15),
});

export type AuthConfig = {
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
  /** Served over https: cookies are marked Secure and the built-in limiter is on. */
  production: boolean;
  /** Seconds a resolved session is reused (session-cache.ts); 15 when omitted, 0 is off. */
  sessionCacheSeconds?: number;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * A deployment (production mode on a non-loopback address) must bring its own
 * secret; a production build run on this machine (`pnpm start`) may use the
 * development one, since nothing outside the machine can reach it.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const parsed = authEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const {
    NODE_ENV,
    BETTER_AUTH_SECRET,
    BETTER_AUTH_URL,
    TALLY_TRUSTED_ORIGINS,
    TALLY_SESSION_CACHE_SECONDS,
  } = parsed.data;
  const baseURL = BETTER_AUTH_URL ?? "http://127.0.0.1:3000";
  const deployed = NODE_ENV === "production" && !LOOPBACK.has(new URL(baseURL).hostname);
  if (deployed && !BETTER_AUTH_SECRET) {
    throw new Error(
      "Invalid configuration: BETTER_AUTH_SECRET: required in production (32+ random characters)",
    );
  }
  const extra = (TALLY_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    secret: BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
    baseURL,
    trustedOrigins: [...new Set([new URL(baseURL).origin, ...extra])],
    production: baseURL.startsWith("https:"),
    sessionCacheSeconds: TALLY_SESSION_CACHE_SECONDS,
  };
}
