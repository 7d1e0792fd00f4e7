/**
 * The tax rate is stored in basis points (2000 is 20%) and typed as a
 * percentage with up to two decimals. Integer arithmetic on the digits, so
 * "8.25" is exactly 825.
 */
export function percentFromBasisPoints(basisPoints: number): string {
  return String(basisPoints / 100);
}

/** "20" → 2000, "8.25" → 825, "0.5" → 50; anything else → null. */
export function basisPointsFromPercent(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
