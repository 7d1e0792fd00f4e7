import { RateLimitedError, type RateVerdict } from "@tally/api";
import type { TRPCError } from "@trpc/server";

/** IETF draft-ietf-httpapi-ratelimit-headers: the policy, what is left of it, and Retry-After on a refusal. */
export function rateLimitHeaders(rate: RateVerdict, refused: boolean): Record<string, string> {
  return {
    "ratelimit-policy": `"per-key";q=${rate.limit};w=60`,
    ratelimit: `"per-key";r=${rate.remaining};t=${rate.resetSeconds}`,
    ...(refused ? { "retry-after": String(rate.resetSeconds) } : {}),
  };
}

/** What a context says of its API key's standing, whatever the router's context type. */
function rateOf(ctx: unknown): RateVerdict | null {
  if (typeof ctx !== "object" || ctx === null || !("apiKey" in ctx)) return null;
  const { apiKey } = ctx as { apiKey?: { rate?: RateVerdict | null } | null };
  return apiKey?.rate ?? null;
}

/**
 * tRPC's `responseMeta` for /trpc in both hosts, so an API key reads its
 * limit there as it does over REST: a call refused by the key's limit (the
 * context was never made) answers 429 with Retry-After and the RateLimit
 * headers; any other answer to a key carries the RateLimit headers.
 */
export function rateLimitResponseMeta({ ctx, errors }: { ctx?: unknown; errors: readonly TRPCError[] }): {
  headers?: Record<string, string>;
} {
  const refusal = errors.find((error) => error.cause instanceof RateLimitedError)?.cause;
  if (refusal instanceof RateLimitedError) return { headers: rateLimitHeaders(refusal.verdict, true) };
  const rate = rateOf(ctx);
  return rate ? { headers: rateLimitHeaders(rate, false) } : {};
}
