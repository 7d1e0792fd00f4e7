import { describe, expect, test } from "vitest";
import { basisPointsFromPercent, percentFromBasisPoints } from "./tax-rate";

describe("the tax rate as typed", () => {
  test("a percentage becomes exact basis points", () => {
    expect(basisPointsFromPercent("20")).toBe(2000);
    expect(basisPointsFromPercent(" 8.25 ")).toBe(825);
    expect(basisPointsFromPercent("0.5")).toBe(50);
    expect(basisPointsFromPercent("0")).toBe(0);
  });

  test("text that is not a percentage with at most two decimals is refused", () => {
    for (const text of ["", "abc", "8,25", "1.005", "-5", "1e2", "."])
      expect(basisPointsFromPercent(text)).toBeNull();
  });

  test("the form starts from the stored rate and reads it back unchanged", () => {
    expect(percentFromBasisPoints(2000)).toBe("20");
    expect(percentFromBasisPoints(825)).toBe("8.25");
    expect(basisPointsFromPercent(percentFromBasisPoints(1234))).toBe(1234);
  });
});
