import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  handleWhen,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import { LRUCache } from "lru-cache";
import type { z } from "zod";
import type { InsightsConfig } from "../../config.ts";

/** Why `insights.*` has no answer: said to the page instead of an error, so a panel can say it. */
export type UnavailableReason =
  | "not_configured"
  | "unreachable"
  | "timeout"
  | "circuit_open"
  | "busy"
  | "rejected"
  | "bad_response";

export type ServiceAnswer<T> = { ok: true; value: T } | { ok: false; reason: UnavailableReason };

/** Tuning with the defaults production uses; tests shorten the pauses. */
export type InsightsClientOptions = {
  /** Consecutive failed calls that open the circuit. */
  breakAfter?: number;
  /** How long an open circuit answers without calling before one call may try again. */
  halfOpenAfterMs?: number;
  /** Calls in flight at once, and calls that may wait for one of them; beyond that: "busy". */
  concurrency?: number;
  queue?: number;
  /** How long an answer is reused (per organisation: the key says whose it is). */
  cacheTtlMs?: number;
};

/** Five minutes: a forecast from daily history barely moves in that time, and a busy dashboard asks often. */
export const INSIGHTS_CACHE_TTL_MS = 5 * 60_000;

class Unavailable extends Error {
  constructor(readonly reason: UnavailableReason) {
    super(`insights service: ${reason}`);
  }
}

/** A refused connection or a gateway error: the kind of failure a second try a moment later may not see. */
class Transient extends Unavailable {}

const tracer = trace.getTracer("@tally/api/insights");

/**
 * The one way the rules reach the insights service, with its own failure
 * budget: each attempt has a deadline, a refused connection or a 502/503/504
 * is tried twice more after a short backoff, consecutive failed calls open a
 * circuit that then answers at once without calling, and a bulkhead caps the
 * calls in flight so a slow service cannot tie up the process. A timed-out
 * attempt is not retried: it has spent the caller's wait already.
 */
export function createInsightsClient(config: InsightsConfig, options: InsightsClientOptions = {}) {
  const {
    breakAfter = 5,
    halfOpenAfterMs = 30_000,
    concurrency = 4,
    queue = 4,
    cacheTtlMs = INSIGHTS_CACHE_TTL_MS,
  } = options;
  // In this process only: another instance asks the service itself (documented in the README).
  const answers = new LRUCache<string, { value: unknown }>({ max: 2_000, ttl: cacheTtlMs });
  const attemptDeadline = timeout(config.timeoutMs, TimeoutStrategy.Aggressive);
  const retryTransient = retry(
    handleWhen((error) => error instanceof Transient),
    { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 200 }) },
  );
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(breakAfter),
  });
  const policy = wrap(bulkhead(concurrency, queue), breaker, retryTransient, attemptDeadline);

  async function attempt<T>(path: string, body: unknown, schema: z.ZodType<T>, signal: AbortSignal) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${config.token}`,
      "content-type": "application/json",
    };
    // W3C trace context, so the service's work joins the caller's trace (a no-op while tracing is off).
    propagation.inject(context.active(), headers);
    let response: Response;
    try {
      response = await fetch(`${config.url}${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Transient("unreachable");
    }
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      await response.body?.cancel();
      throw new Transient("unreachable");
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Unavailable(response.status === 401 || response.status === 403 ? "rejected" : "bad_response");
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new Unavailable("bad_response");
    return parsed.data;
  }

  return {
    /** True while the circuit is open: callers skip the work of preparing a request that would not be sent. */
    get circuitOpen() {
      return breaker.state === CircuitState.Open || breaker.state === CircuitState.Isolated;
    },

    /**
     * A successful answer stored under `key` for the cache's lifetime; failures are not kept, so
     * the next call after the service recovers asks it again. The key must name the organisation.
     */
    async remember<T>(key: string, load: () => Promise<ServiceAnswer<T>>): Promise<ServiceAnswer<T>> {
      const hit = answers.get(key);
      if (hit) return { ok: true, value: hit.value as T };
      const answer = await load();
      if (answer.ok) answers.set(key, { value: answer.value });
      return answer;
    },

    /** POSTs `body` and validates the answer with `schema`; never throws. */
    post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<ServiceAnswer<T>> {
      return tracer.startActiveSpan(`insights POST ${path}`, { kind: SpanKind.CLIENT }, async (span) => {
        try {
          const value = await policy.execute(({ signal }) => attempt(path, body, schema, signal));
          return { ok: true as const, value };
        } catch (error) {
          const reason = reasonFor(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
          return { ok: false as const, reason };
        } finally {
          span.end();
        }
      });
    },
  };
}

export type InsightsClient = ReturnType<typeof createInsightsClient>;

function reasonFor(error: unknown): UnavailableReason {
  if (error instanceof Unavailable) return error.reason;
  if (error instanceof BrokenCircuitError) return "circuit_open";
  if (error instanceof BulkheadRejectedError) return "busy";
  if (error instanceof TaskCancelledError) return "timeout";
  return "unreachable";
}

const clients = new WeakMap<InsightsConfig, InsightsClient>();

/**
 * One client per configuration object: a host reads its configuration once,
 * so every request of the process shares one circuit, one bulkhead and one
 * cache; a test that builds its own configuration gets its own.
 */
export function insightsClientFor(config: InsightsConfig): InsightsClient {
  let client = clients.get(config);
  if (!client) {
    client = createInsightsClient(config);
    clients.set(config, client);
  }
  return client;
}
