import { describe, expect, test } from "vitest";
import { formatMoney, minorToDecimal, parseDecimalToMinor } from "./money";

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
    expect(parseDecimalToMinor("12,50", "USD")).toMatchObject({ ok: false });
    expect(parseDecimalToMinor("abc", "USD")).toMatchObject({ ok: false });
    expect(parseDecimalToMinor(".", "USD")).toMatchObject({ ok: false });
    expect(parseDecimalToMinor("1.005", "USD")).toEqual({
      ok: false,
      message: "Use at most 2 decimal places",
    });
    expect(parseDecimalToMinor("1.5", "JPY")).toEqual({ ok: false, message: "Use whole amounts" });
  });
});

describe("showing prices", () => {
  test("formats minor units with the currency", () => {
    expect(formatMoney(649, "USD")).toBe("$6.49");
    expect(formatMoney(1500, "JPY")).toBe("¥1,500");
  });

  test("gives the edit form the decimal it would accept back", () => {
    expect(minorToDecimal(649, "USD")).toBe("6.49");
    expect(minorToDecimal(5, "USD")).toBe("0.05");
    expect(minorToDecimal(1500, "JPY")).toBe("1500");
    expect(parseDecimalToMinor(minorToDecimal(123456, "BHD"), "BHD")).toEqual({ ok: true, minor: 123456 });
  });
});
