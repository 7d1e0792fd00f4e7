import pLimit, { type LimitFunction } from "p-limit";

const gates = new Map<number, LimitFunction>();

/**
 * Calls running at once in this process, at most `limit` (0: no bound), for
 * a procedure whose meta names a `concurrency` class (trpc.ts applies it
 * before any transaction opens). Placements of one popular product queue for
 * its row lock whatever the bound; past a few, each extra one only holds a
 * pooled connection while it waits in PostgreSQL, and its statements compete
 * with the lock holder's for this process's event loop. Beyond the bound they
 * wait here instead, first come first served, holding nothing
 * (docs/decisions/016-hot-product-placement.md).
 */
export function concurrencyGate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  if (limit === 0) return (work) => work();
  const bounded = gateFor(limit);
  return (work) => bounded(work);
}

/** What a gate holds now: running, and waiting their turn. */
export function concurrencyGateLoad(limit: number): { active: number; pending: number } {
  const gate = gates.get(limit);
  return { active: gate?.activeCount ?? 0, pending: gate?.pendingCount ?? 0 };
}

function gateFor(limit: number): LimitFunction {
  let gate = gates.get(limit);
  if (!gate) {
    gate = pLimit(limit);
    gates.set(limit, gate);
  }
  return gate;
}
