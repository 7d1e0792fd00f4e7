/** Customers offered at once in a picker; its search narrows a longer list down. */
const CHOICES = 50;

/** The list input for a customer picker's choices; pages prefetch `customerChoicesInput("")`. */
export function customerChoicesInput(search: string) {
  const trimmed = search.trim();
  return { limit: CHOICES, ...(trimmed ? { search: trimmed } : {}) };
}
