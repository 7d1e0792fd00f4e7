import { describe, expect, test } from "vitest";
import { createProductInput, updateProductInput } from "./catalog.ts";
import { flattenIssues } from "./issues.ts";

const valid = { sku: "PAP-A4", name: "Paper", priceMinor: 649, currency: "usd" };

describe("createProductInput", () => {
  test("trims text, upper-cases the currency and fills defaults", () => {
    expect(createProductInput.parse({ ...valid, name: "  Paper  " })).toEqual({
      sku: "PAP-A4",
      name: "Paper",
      description: "",
      priceMinor: 649,
      currency: "USD",
      stock: 0,
    });
  });

  test.each([
    [{ sku: "has space" }, "sku"],
    [{ sku: "-leading-dash" }, "sku"],
    [{ priceMinor: 1.5 }, "priceMinor"],
    [{ priceMinor: 100_000_001 }, "priceMinor"],
    [{ currency: "EURO" }, "currency"],
    [{ stock: -1 }, "stock"],
  ])("%o is refused on %s", (change, field) => {
    const result = createProductInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(Object.keys(flattenIssues(result.error!).fieldErrors)).toEqual([field]);
  });
});

describe("updateProductInput", () => {
  test("an empty patch is refused: there is nothing to update", () => {
    const result = updateProductInput.safeParse({ id: "p1", version: 1, patch: {} });
    expect(result.success).toBe(false);
    expect(flattenIssues(result.error!).fieldErrors).toEqual({ patch: ["Nothing to update"] });
  });

  test("a version no row can hold (past the 32-bit column) is refused on `version`, before any query", () => {
    const result = updateProductInput.safeParse({ id: "p1", version: 2 ** 31, patch: { name: "New" } });
    expect(flattenIssues(result.error!).fieldErrors).toEqual({
      version: ["Not a version a record can have"],
    });
    expect(
      updateProductInput.safeParse({ id: "p1", version: 2 ** 31 - 1, patch: { name: "New" } }).success,
    ).toBe(true);
  });

  test("nested problems are keyed by their dotted path", () => {
    const result = updateProductInput.safeParse({ id: "p1", version: 1, patch: { currency: "x" } });
    expect(flattenIssues(result.error!).fieldErrors).toHaveProperty(["patch.currency"]);
  });
});

test("a patch carries only the fields that were sent, so an update never resets the others", () => {
  expect(updateProductInput.parse({ id: "p1", version: 1, patch: { name: "New name" } }).patch).toEqual({
    name: "New name",
  });
});
