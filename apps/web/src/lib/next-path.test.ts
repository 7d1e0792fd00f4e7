import { describe, expect, test } from "vitest";
import { safeNextPath, signInPath } from "./next-path";

describe("where sign-in goes afterwards", () => {
  test("a path on this site is kept, with its query", () => {
    expect(safeNextPath("/invitations/abc?x=1")).toBe("/invitations/abc?x=1");
    expect(safeNextPath(["/members", "/audit"])).toBe("/members");
  });

  test("anything that could leave the site falls back to the home page", () => {
    for (const hostile of ["//evil.example", "https://evil.example", "/\\evil.example", "members", ""]) {
      expect(safeNextPath(hostile)).toBe("/");
    }
    expect(safeNextPath(undefined, "/products")).toBe("/products");
  });

  test("the sign-in link carries the way back, encoded", () => {
    expect(signInPath("/products?q=a&b")).toBe("/sign-in?next=%2Fproducts%3Fq%3Da%26b");
    expect(signInPath("/")).toBe("/sign-in");
  });
});
