type Invalidates = { invalidate(): Promise<void> };

/** The slice of tRPC's query utils that placing an order makes stale. */
export type CachesTouchedByPlacing = { orders: Invalidates; catalog: { products: Invalidates } };

/**
 * Placing changes the order (status, version) and every list it appears in,
 * and reserves stock, so product stock on screen is stale too.
 */
export async function refreshAfterPlacing(caches: CachesTouchedByPlacing): Promise<void> {
  await Promise.all([caches.orders.invalidate(), caches.catalog.products.invalidate()]);
}
