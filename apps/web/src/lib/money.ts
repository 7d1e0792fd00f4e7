/**
 * Money arrives from the API as integer minor units plus a currency code.
 * Conversions here are string and integer arithmetic, never `price * 100`,
 * so 0.29 becomes 29 and not 28.999999999999996.
 */

/** Server and browser must format identically, or hydration sees different text. */
export const DISPLAY_LOCALE = "en-US";

const DEFAULT_DIGITS = 2;

/** Digits after the decimal point: 2 for USD, 0 for JPY, 3 for BHD. */
export function currencyDigits(currency: string): number {
  try {
    const options = new Intl.NumberFormat(DISPLAY_LOCALE, { style: "currency", currency }).resolvedOptions();
    return options.maximumFractionDigits ?? DEFAULT_DIGITS;
  } catch {
    return DEFAULT_DIGITS; // not a currency code; the form reports that on the currency field
  }
}

export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(DISPLAY_LOCALE, { style: "currency", currency });
  return format.format(minor / 10 ** currencyDigits(currency));
}

/** 649 USD → "6.49": the text a price field starts with when editing. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const padded = String(minor).padStart(digits + 1, "0");
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

export type ParsedPrice = { ok: true; minor: number | undefined } | { ok: false; message: string };

const DECIMAL = /^(\d*)(?:\.(\d*))?$/;

/** "6.49" USD → 649. An empty field parses to `undefined`, so the schema's "Enter an amount" applies. */
export function parseDecimalToMinor(text: string, currency: string): ParsedPrice {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, minor: undefined };
  const match = DECIMAL.exec(trimmed);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  if (!match || whole + fraction === "") return { ok: false, message: "Enter a price like 12.50" };
  const digits = currencyDigits(currency);
  if (fraction.length > digits) {
    return {
      ok: false,
      message: digits === 0 ? "Use whole amounts" : `Use at most ${digits} decimal places`,
    };
  }
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) return { ok: false, message: "Enter a smaller price" };
  return { ok: true, minor };
}
