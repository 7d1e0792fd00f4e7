import type { RouterOutputs } from "@tally/api";

export type Report = RouterOutputs["reports"]["get"];

export const REPORT_STATUS_LABELS: Record<Report["status"], string> = {
  queued: "Queued",
  running: "Running",
  done: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const GROUP_BY_OPTIONS = [
  { value: "product", label: "Product" },
  { value: "customer", label: "Customer" },
  { value: "day", label: "Day" },
] as const;

export type GroupBy = (typeof GROUP_BY_OPTIONS)[number]["value"];

const GROUP_LABELS: Record<string, string> = Object.fromEntries(
  GROUP_BY_OPTIONS.map((option) => [option.value, option.label]),
);
const day = (date: Date) => date.toISOString().slice(0, 10);

/** What a report is, in a few words: "Sales by Product", "Invoices: paid". */
export function reportTitle(
  report: Pick<Report, "kind" | "groupBy" | "invoiceStatus" | "customerId">,
): string {
  if (report.kind === "invoices") {
    const filters = [report.invoiceStatus, report.customerId && "one customer"].filter(Boolean);
    return filters.length > 0 ? `Invoices: ${filters.join(", ")}` : "Invoices: all";
  }
  return `Sales by ${report.groupBy ? (GROUP_LABELS[report.groupBy] ?? report.groupBy) : "?"}`;
}

/**
 * The period a report covers. A sales report covers [from, to), so the last
 * day shown is the one before `to`; an invoice export's days of issue are inclusive.
 */
export function reportPeriod(report: Pick<Report, "kind" | "from" | "to">): string {
  const { from, to } = report;
  const last = to && (report.kind === "sales" ? new Date(to.getTime() - 1) : to);
  if (from && last) return `${day(from)} to ${day(last)}`;
  if (from) return `from ${day(from)}`;
  if (last) return `until ${day(last)}`;
  return "all time";
}

/** What a running report counts: orders for sales, invoices for an export. */
export const reportUnit = (report: Pick<Report, "kind">) =>
  report.kind === "invoices" ? "invoices" : "orders";

export const isInProgress = (report: Pick<Report, "status">) =>
  report.status === "queued" || report.status === "running";

/** Whole percent done; unknown while the job has not counted the orders yet. */
export function percentDone(report: Pick<Report, "rowsDone" | "rowsTotal" | "status">): number | null {
  if (report.status === "done") return 100;
  if (!report.rowsTotal) return report.rowsTotal === 0 && report.status === "running" ? 100 : null;
  return Math.min(100, Math.floor((report.rowsDone / report.rowsTotal) * 100));
}

export const firstReportsPage = { limit: 20 };
