import { TRPCError } from "@trpc/server";

/** One key's standing in its current window, as the RateLimit headers report it. */
export type RateVerdict = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/**
 * Counts one call of a key against its own limit per minute. The host gives
 * the rules one over its shared state (Redis across instances, or this
 * process), so the rules never know where the counters live.
 */
export type ApiKeyLimiter = (keyId: string, perMinute: number) => Promise<RateVerdict>;

/** The cause of a TOO_MANY_REQUESTS, so a host can say when to come back. */
export class RateLimitedError extends Error {
  constructor(readonly verdict: RateVerdict) {
    super(`Rate limit of ${verdict.limit} calls per minute reached`);
    this.name = "RateLimitedError";
  }
}

export function rateLimited(verdict: RateVerdict): TRPCError {
  return new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `This key may make ${verdict.limit} calls per minute: try again in ${verdict.resetSeconds} s`,
    cause: new RateLimitedError(verdict),
  });
}
