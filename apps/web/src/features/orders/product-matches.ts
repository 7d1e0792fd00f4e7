/** Products shown at a time when adding to a draft; the search narrows the catalog down. */
const MATCHES = 8;

/** The list input for the product search; the order page prefetches `productMatchesInput("")`. */
export function productMatchesInput(search: string) {
  const trimmed = search.trim();
  return { limit: MATCHES, ...(trimmed ? { search: trimmed } : {}) };
}
