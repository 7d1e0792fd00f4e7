import { TRPCError } from "@trpc/server";

/** Orders stay well inside a 32-bit column: 10,000,000.00 in a two-decimal currency. */
const MAX_ORDER_TOTAL_MINOR = 1_000_000_000;

export type PricedLine = { unitPriceMinor: number; quantity: number };
export type OrderTotals = { subtotalMinor: number; taxMinor: number; totalMinor: number };

/** Tax is computed once on the subtotal and rounded half up, as on a paper invoice. */
export function computeTotals(lines: readonly PricedLine[], taxRateBasisPoints: number): OrderTotals {
  const subtotalMinor = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  const taxMinor = Math.round((subtotalMinor * taxRateBasisPoints) / 10_000);
  const totalMinor = subtotalMinor + taxMinor;
  if (totalMinor > MAX_ORDER_TOTAL_MINOR) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `An order's total may not exceed ${MAX_ORDER_TOTAL_MINOR} minor units`,
    });
  }
  return { subtotalMinor, taxMinor, totalMinor };
}
