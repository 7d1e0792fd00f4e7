/**
 * Money arrives from the API as integer minor units plus a currency code; this
 * is the one place web and mobile turn it into text and back. Conversions are
 * string and integer arithmetic, never `price * 100`, so 0.29 becomes 29 and
 * not 28.999999999999996.
 */

const DEFAULT_DIGITS = 2;

/** Digits after the decimal point: 2 for USD, 0 for JPY, 3 for BHD (the same in every locale). */
export function currencyDigits(currency: string): number {
  try {
    const options = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions();
    return options.maximumFractionDigits ?? DEFAULT_DIGITS;
  } catch {
    return DEFAULT_DIGITS; // not a currency code; the form reports that on the currency field
  }
}

/**
 * 649 USD → "$6.49". `locale` undefined means the runtime's own (the phone's);
 * a server-rendered page passes a fixed one so server and browser agree.
 * An order has no currency until its first line, and then every amount is zero:
 * without one the number is shown bare.
 */
export function formatMoney(minor: number, currency: string | null, locale?: string): string {
  if (!currency) return new Intl.NumberFormat(locale).format(minor);
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
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
