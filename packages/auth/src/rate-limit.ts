import { memorySharedState, type SharedState } from "@tally/shared-state";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { RateLimiterRes } from "rate-limiter-flexible";

/**
 * Password guessing is limited twice: per client address (one attacker, many
 * accounts) and per account (many addresses, one account). Both answer 429
 * with a standard Retry-After. Counters live in the shared state: in Redis
 * when REDIS_URL is set, so every instance counts against one budget; in the
 * process otherwise (one instance) and while Redis is unreachable.
 */
export type SignInLimits = {
  perAddress: { points: number; durationSeconds: number };
  perAccount: { points: number; durationSeconds: number };
};

export const defaultSignInLimits: SignInLimits = {
  perAddress: { points: 20, durationSeconds: 60 },
  perAccount: { points: 5, durationSeconds: 300 },
};

const LIMITED_PATHS = new Set(["/sign-in/email", "/sign-up/email"]);

export function limitSignIns(
  limits: SignInLimits = defaultSignInLimits,
  state: SharedState = memorySharedState(),
) {
  const perAddress = state.limiter({ keyPrefix: "sign-in:address", ...limits.perAddress });
  const perAccount = state.limiter({ keyPrefix: "sign-in:account", ...limits.perAccount });

  return createAuthMiddleware(async (ctx) => {
    if (!LIMITED_PATHS.has(ctx.path)) return;
    const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
    try {
      await perAddress.consume(`${ctx.path}:${clientAddress(ctx.headers)}`);
      if (email) await perAccount.consume(`${ctx.path}:${email}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new APIError(
        "TOO_MANY_REQUESTS",
        { code: "TOO_MANY_ATTEMPTS", message: `Too many attempts. Try again in ${retryAfter} seconds.` },
        { "Retry-After": String(retryAfter) },
      );
    }
  });
}

/**
 * The first x-forwarded-for entry. Hosts make it trustworthy: the standalone
 * server replaces it with the socket's address unless told it sits behind a
 * proxy, and Next.js sets it from the connection. No address: one shared bucket.
 */
function clientAddress(headers: Headers | undefined): string {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
