/**
 * One key per attempt to place an order, kept across retries of that attempt,
 * so a retry after a dropped connection cannot place it twice. Uniqueness,
 * not secrecy, is what matters here.
 */
export function newIdempotencyKey(now = Date.now(), random = Math.random): string {
  return `mobile-${now.toString(36)}-${random().toString(36).slice(2, 12)}`;
}
