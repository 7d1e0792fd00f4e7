import pLimit, { type LimitFunction } from "p-limit";

const gates = new Map<number, LimitFunction>();

/**
 * Placements running at once in this process, at most `limit` (0: no bound).
 * Placements of one popular product queue for its row lock whatever the
 * bound; past a few, each extra one only holds a pooled connection while it
 * waits in PostgreSQL, and its statements compete with the lock holder's for
 * this process's event loop. Beyond the bound they wait here instead, first
 * come first served, holding nothing
 * (docs/decisions/016-hot-product-placement.md).
 */
export function placementGate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  if (limit === 0) return (work) => work();
  let gate = gates.get(limit);
  if (!gate) {
    gate = pLimit(limit);
    gates.set(limit, gate);
  }
  const bounded = gate;
  return (work) => bounded(work);
}
