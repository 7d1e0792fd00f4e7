/**
 * Amounts travel as integer minor units with an ISO currency code; only the
 * screen turns them into text. An order has no currency until its first line,
 * and then every amount is zero.
 */
export function formatMoney(minor: number, currency: string | null, locale?: string): string {
  if (!currency) return new Intl.NumberFormat(locale).format(minor);
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  // Minor units are cents for USD but whole yen for JPY: the currency decides.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
