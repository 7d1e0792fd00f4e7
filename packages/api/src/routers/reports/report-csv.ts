import { csvRecord } from "../../csv.ts";
import type { GroupBy, SalesRow } from "./sales-report.ts";

const KEY_HEADER: Record<GroupBy, [string, string]> = {
  product: ["product_id", "product"],
  customer: ["customer_id", "customer"],
  day: ["day", "day_label"],
};

/** The report as a spreadsheet reads it: money in minor units, as everywhere in Tally, with its currency. */
export function reportRowsCsv(groupBy: GroupBy, rows: readonly SalesRow[]): string {
  const [keyHeader, labelHeader] = KEY_HEADER[groupBy];
  let csv = csvRecord([keyHeader, labelHeader, "currency", "orders", "units", "revenue_minor"]);
  for (const row of rows)
    csv += csvRecord([row.key, row.label, row.currency, row.orders, row.units, row.revenueMinor]);
  return csv;
}
