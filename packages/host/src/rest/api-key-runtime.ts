import type { ApiKeyPolicy, Logger } from "@tally/api";
import { createUsageRecorder } from "@tally/api";
import type { PrismaClient } from "@tally/db";
import type { SharedState } from "@tally/shared-state";
import { RateLimiterRes } from "rate-limiter-flexible";

const WINDOW_SECONDS = 60;

/**
 * The rules' API-key policy over this process's shared state: per-key
 * counters in Redis (one Lua script per call) shared by every instance, or
 * in memory without REDIS_URL (one instance only), with the memory limiter
 * as the insurance while Redis is away (decision 010). Limits differ per key,
 * so there is one limiter per distinct limit, made on first use.
 */
export function openApiKeyPolicy(
  sharedState: SharedState,
  db: PrismaClient,
  { logger, usageFlushMs }: { logger?: Logger; usageFlushMs?: number } = {},
): Required<ApiKeyPolicy> & { close(): Promise<void> } {
  const limiters = new Map<number, ReturnType<SharedState["limiter"]>>();
  const limiterFor = (points: number) => {
    let limiter = limiters.get(points);
    if (!limiter) {
      limiter = sharedState.limiter({
        keyPrefix: `api-key:${points}`,
        points,
        durationSeconds: WINDOW_SECONDS,
      });
      limiters.set(points, limiter);
    }
    return limiter;
  };
  const usage = createUsageRecorder(db, {
    ...(usageFlushMs ? { flushEveryMs: usageFlushMs } : {}),
    ...(logger ? { log: logger } : {}),
  });
  return {
    async limiter(keyId, perMinute) {
      try {
        const res = await limiterFor(perMinute).consume(keyId);
        return verdict(true, perMinute, res);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return verdict(false, perMinute, refusal);
        throw refusal;
      }
    },
    usage,
    close: () => usage.close(),
  };
}

function verdict(allowed: boolean, limit: number, res: RateLimiterRes) {
  return {
    allowed,
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}
