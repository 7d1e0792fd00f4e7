import { expect, test } from "vitest";
import { computeTotals } from "./orders.totals.ts";

test("tax is taken once on the subtotal, rounded half up", () => {
  expect(
    computeTotals(
      [
        { unitPriceMinor: 333, quantity: 3 },
        { unitPriceMinor: 1, quantity: 1 },
      ],
      1950,
    ),
  ).toEqual({
    subtotalMinor: 1000,
    taxMinor: 195,
    totalMinor: 1195,
  });
  expect(computeTotals([{ unitPriceMinor: 5, quantity: 1 }], 1000)).toEqual({
    subtotalMinor: 5,
    taxMinor: 1,
    totalMinor: 6,
  });
  expect(computeTotals([], 2000)).toEqual({ subtotalMinor: 0, taxMinor: 0, totalMinor: 0 });
});

test("a total beyond the column's range is refused", () => {
  expect(() => computeTotals([{ unitPriceMinor: 100_000_000, quantity: 11 }], 0)).toThrow(/may not exceed/);
});
