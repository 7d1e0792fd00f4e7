import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";

export type LimiterOptions = { keyPrefix: string; points: number; durationSeconds: number };

/**
 * What several instances of Tally must agree on: rate-limit counters,
 * one-time credentials, and notices that a cached value changed. With Redis
 * it is shared by every process on the same server; without, each process
 * keeps its own (right for one instance, documented as such).
 */
export type SharedState = {
  readonly kind: "redis" | "memory";
  /** A limiter whose counters every process shares; while Redis is unreachable it counts in this process. */
  limiter(options: LimiterOptions): RateLimiterAbstract;
  /**
   * True the first time `key` is claimed within `ttlMs` by any process. While
   * Redis is unreachable only this process's claims are known (a replay to
   * another instance goes unnoticed until it is back).
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Tells the other processes; a process never hears its own notices. */
  announce(channel: string, message: string): Promise<void>;
  listen(channel: string, onMessage: (message: string) => void): void;
  close(): Promise<void>;
};

export type SharedStateOptions = {
  /** REDIS_URL; absent means this process only. */
  redisUrl?: string | undefined;
  /** Prefix of every key and channel, so several deployments can share one Redis. */
  keyPrefix?: string;
  /** Connection trouble, reported at most once per outage: the callers fall back and carry on. */
  onError?: (error: Error) => void;
  /** How long opening waits for Redis before carrying on with the fallback. */
  connectTimeoutMs?: number;
};

export async function openSharedState({
  redisUrl,
  keyPrefix = "tally:",
  onError = () => {},
  connectTimeoutMs = 2_000,
}: SharedStateOptions = {}): Promise<SharedState> {
  if (!redisUrl) return memorySharedState();

  let outage = false;
  const reportOnce = (error: Error) => {
    if (outage) return;
    outage = true;
    onError(error);
  };
  const connection = {
    connectTimeout: connectTimeoutMs,
    // Commands fail at once while disconnected instead of queueing behind a
    // server that may never answer: the callers' fallbacks take over.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(attempt * 250, 2_000),
  };
  const commands = new Redis(redisUrl, { ...connection, keyPrefix });
  // A subscription is a connection of its own; it queues its SUBSCRIBE until
  // connected and subscribes again after every reconnect.
  const subscriber = new Redis(redisUrl, { ...connection, enableOfflineQueue: true });
  for (const client of [commands, subscriber]) {
    client.on("error", reportOnce);
    client.on("ready", () => {
      outage = false;
    });
  }
  await Promise.race([
    new Promise((resolve) => commands.once("ready", resolve)),
    new Promise((resolve) => setTimeout(resolve, connectTimeoutMs).unref()),
  ]);

  const local = memorySharedState();
  const instance = randomUUID();
  const listeners = new Map<string, Array<(message: string) => void>>();
  subscriber.on("message", (channel: string, payload: string) => {
    const separator = payload.indexOf("\n");
    if (payload.slice(0, separator) === instance) return;
    for (const onMessage of listeners.get(channel) ?? []) onMessage(payload.slice(separator + 1));
  });

  return {
    kind: "redis",
    limiter: ({ keyPrefix: limiterPrefix, points, durationSeconds }) =>
      new RateLimiterRedis({
        storeClient: commands,
        keyPrefix: limiterPrefix,
        points,
        duration: durationSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: local.limiter({ keyPrefix: limiterPrefix, points, durationSeconds }),
      }),
    async claimOnce(key, ttlMs) {
      // This process's own claims are always checked, so a replay to the same
      // instance is refused even while Redis is away.
      if (!(await local.claimOnce(key, ttlMs))) return false;
      try {
        return (await commands.set(`claim:${key}`, "1", "PX", ttlMs, "NX")) === "OK";
      } catch (error) {
        reportOnce(error instanceof Error ? error : new Error(String(error)));
        return true;
      }
    },
    async announce(channel, message) {
      try {
        await commands.publish(`${keyPrefix}${channel}`, `${instance}\n${message}`);
      } catch (error) {
        reportOnce(error instanceof Error ? error : new Error(String(error)));
      }
    },
    listen(channel, onMessage) {
      const name = `${keyPrefix}${channel}`;
      const known = listeners.get(name);
      if (known) known.push(onMessage);
      else {
        listeners.set(name, [onMessage]);
        subscriber.subscribe(name).catch(reportOnce);
      }
    },
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

/** One process's state: what `openSharedState` gives without REDIS_URL, and its fallback while Redis is away. */
export function memorySharedState(): SharedState {
  const claims = new Map<string, number>();
  return {
    kind: "memory",
    limiter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
    async claimOnce(key, ttlMs) {
      const now = Date.now();
      // Claims are kept in the order made, which is close to the order they
      // expire in: sweeping stops at the first live one instead of visiting all.
      for (const [claimed, expiresAt] of claims) {
        if (expiresAt > now) break;
        claims.delete(claimed);
      }
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    async announce() {},
    listen() {},
    async close() {},
  };
}
