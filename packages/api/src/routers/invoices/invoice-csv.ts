import { type CsvCell, csvRecord } from "../../csv.ts";
import type { InvoiceSummaryView } from "./invoices.select.ts";

/** The invoice export's columns: the direct download and the export as a report write the same file. */
export const INVOICE_CSV_HEADER = csvRecord([
  "number",
  "status",
  "customer",
  "currency",
  "total",
  "paid",
  "issued_at",
  "due_at",
  "paid_at",
  "voided_at",
  "order_id",
  "invoice_id",
]);

export function invoiceCsvRecord(invoice: InvoiceSummaryView): string {
  const cells: CsvCell[] = [
    invoice.number,
    invoice.status,
    invoice.order.customer.name,
    invoice.currency,
    decimalAmount(invoice.totalMinor, invoice.currency),
    decimalAmount(invoice.paidMinor, invoice.currency),
    invoice.issuedAt,
    invoice.dueAt,
    invoice.paidAt,
    invoice.voidedAt,
    invoice.orderId,
    invoice.id,
  ];
  return csvRecord(cells);
}

/**
 * 12345 USD → "123.45", 500 JPY → "500": the currency's own number of
 * decimals, computed in integers so no float ever rounds a cent away.
 */
export function decimalAmount(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  const sign = minor < 0 ? "-" : "";
  const whole = Math.floor(Math.abs(minor) / scale);
  const fraction = String(Math.abs(minor) % scale).padStart(digits, "0");
  return `${sign}${whole}.${fraction}`;
}

const digitsByCurrency = new Map<string, number>();

function fractionDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
