import {
  ConfigError,
  type HostConfig,
  hostConfigFromEnv,
  parseEnv,
  type WebSocketConfig,
  websocketConfigFrom,
  websocketEnv,
} from "@tally/host";
import { z } from "zod";

/** Only the standalone server reads these; what both hosts read is @tally/host's (hostConfigFromEnv). */
const serverEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Set behind a reverse proxy that writes x-forwarded-for; rate limits key on the client address. */
  TALLY_TRUST_PROXY: z.stringbool().default(false),
  /** Shared with the web app: calls it forwards are accepted only with a credential sealed with this. */
  TALLY_SERVICE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Serve plain tRPC calls without the official adapter's per-request overhead (docs/decisions/003). */
  TALLY_EXPRESS_LANE: z.stringbool().default(true),
  /** Run background jobs (reports, the daily overdue run) in this process too; `pnpm start:worker` runs them alone. */
  TALLY_WORKERS: z.stringbool().default(true),
  /** Jobs of each kind one process runs at once. */
  TALLY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
});

export type ServerConfig = z.infer<typeof serverEnv> & { host: HostConfig; websocket: WebSocketConfig };

export { ConfigError };

/** One line naming the first bad variable, never a stack trace. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    ...parseEnv(serverEnv, env),
    host: hostConfigFromEnv(env),
    websocket: websocketConfigFrom(parseEnv(websocketEnv, env)),
  };
}
