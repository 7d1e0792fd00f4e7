import { z } from "zod";

const forwardingEnv = z.object({
  /** Routers whose calls go to the API server, e.g. `invoices,catalog`. Empty: everything runs here. */
  TALLY_REMOTE_ROUTERS: z.string().default(""),
  /** The API server's tRPC base URL. */
  TALLY_API_URL: z.url().optional(),
  /** Shared with the API server: seals the credentials that vouch for forwarded callers. */
  TALLY_SERVICE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** How long a forwarded call may take before it fails with GATEWAY_TIMEOUT. */
  TALLY_FORWARD_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5000),
});

export type ForwardingConfig = {
  remoteRouters: Set<string>;
  apiUrl: string;
  secret: string;
  timeoutMs: number;
} | null;

/** Null when nothing is forwarded. A name that is not a router, or a missing URL or secret, is one clear error. */
export function forwardingConfigFromEnv(
  routerNames: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ForwardingConfig {
  const parsed = forwardingEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const { TALLY_REMOTE_ROUTERS, TALLY_API_URL, TALLY_SERVICE_SECRET, TALLY_FORWARD_TIMEOUT_MS } = parsed.data;
  const names = TALLY_REMOTE_ROUTERS.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return null;
  const unknown = names.filter((name) => !routerNames.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `Invalid configuration: TALLY_REMOTE_ROUTERS: no router named ${unknown.join(", ")} (routers: ${routerNames.join(", ")})`,
    );
  }
  if (!TALLY_API_URL)
    throw new Error("Invalid configuration: TALLY_API_URL: required when TALLY_REMOTE_ROUTERS is set");
  if (!TALLY_SERVICE_SECRET)
    throw new Error("Invalid configuration: TALLY_SERVICE_SECRET: required when TALLY_REMOTE_ROUTERS is set");
  return {
    remoteRouters: new Set(names),
    apiUrl: TALLY_API_URL.replace(/\/$/, ""),
    secret: TALLY_SERVICE_SECRET,
    timeoutMs: TALLY_FORWARD_TIMEOUT_MS,
  };
}
