import { describe, expect, test } from "vitest";
import { currencyDigits, formatMoney, minorToDecimal, parseDecimalToMinor } from "./money-format.ts";

describe("parseDecimalToMinor", () => {
  test("turns a decimal price into exact minor units", () => {
    expect(parseDecimalToMinor("6.49", "USD")).toEqual({ ok: true, minor: 649 });
    expect(parseDecimalToMinor("0.29", "USD")).toEqual({ ok: true, minor: 29 });
    expect(parseDecimalToMinor("12", "USD")).toEqual({ ok: true, minor: 1200 });
    expect(parseDecimalToMinor(".5", "EUR")).toEqual({ ok: true, minor: 50 });
    expect(parseDecimalToMinor("1500", "JPY")).toEqual({ ok: true, minor: 1500 });
  });

  test("leaves an empty field to the schema's own message", () => {
    expect(parseDecimalToMinor("  ", "USD")).toEqual({ ok: true, minor: undefined });
  });

  test("refuses text that is not a price, and more decimals than the currency has", () => {
    for (const text of ["12,50", "abc", "."]) {
      expect(parseDecimalToMinor(text, "USD")).toEqual({ ok: false, message: "Enter a price like 12.50" });
    }
    expect(parseDecimalToMinor("1.005", "USD")).toEqual({
      ok: false,
      message: "Use at most 2 decimal places",
    });
    expect(parseDecimalToMinor("1.5", "JPY")).toEqual({ ok: false, message: "Use whole amounts" });
    expect(parseDecimalToMinor("9".repeat(20), "USD")).toEqual({
      ok: false,
      message: "Enter a smaller price",
    });
  });
});

describe("showing amounts", () => {
  test("minor units follow the currency's own number of decimals", () => {
    expect(formatMoney(649, "USD", "en-US")).toBe("$6.49");
    expect(formatMoney(123_45, "USD", "en-US")).toBe("$123.45");
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(formatMoney(1234, "BHD", "en-US")).toBe("BHD\u00a01.234");
  });

  test("the locale shapes the text, not the amount", () => {
    expect(formatMoney(123_456, "EUR", "de-DE")).toBe("1.234,56\u00a0€");
  });

  test("an order without lines has no currency yet and shows a bare zero", () => {
    expect(formatMoney(0, null, "en-US")).toBe("0");
  });

  test("gives the edit form the decimal it would accept back", () => {
    expect(minorToDecimal(649, "USD")).toBe("6.49");
    expect(minorToDecimal(5, "USD")).toBe("0.05");
    expect(minorToDecimal(1500, "JPY")).toBe("1500");
    expect(parseDecimalToMinor(minorToDecimal(123456, "BHD"), "BHD")).toEqual({ ok: true, minor: 123456 });
  });

  test("a code that is not a currency falls back to two digits instead of throwing", () => {
    expect(currencyDigits("not a currency")).toBe(2);
  });
});
