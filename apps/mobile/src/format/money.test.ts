import { expect, test } from "vitest";
import { formatMoney } from "./money.ts";

test("minor units follow the currency's own number of decimals", () => {
  expect(formatMoney(123_45, "USD", "en-US")).toBe("$123.45");
  expect(formatMoney(500, "JPY", "en-US")).toBe("¥500");
});

test("an order without lines has no currency yet and shows a bare zero", () => {
  expect(formatMoney(0, null, "en-US")).toBe("0");
});
