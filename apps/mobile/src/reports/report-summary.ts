import type { RouterOutputs } from "@tally/api";
import type { ReportStatus } from "@tally/validators";

export type Report = RouterOutputs["reports"]["list"]["items"][number];

export const reportStatusLabel: Record<ReportStatus, string> = {
  queued: "Queued",
  running: "Running",
  done: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
};

const groupLabel: Record<string, string> = { product: "product", customer: "customer", day: "day" };
const day = (date: Date) => date.toISOString().slice(0, 10);

/** "Sales by product", "Invoices: paid". */
export function reportTitle(report: Pick<Report, "kind" | "groupBy" | "invoiceStatus" | "customerId">) {
  if (report.kind === "invoices") {
    const filters = [report.invoiceStatus, report.customerId && "one customer"].filter(Boolean);
    return `Invoices: ${filters.length > 0 ? filters.join(", ") : "all"}`;
  }
  return `Sales by ${(report.groupBy && groupLabel[report.groupBy]) ?? report.groupBy ?? "?"}`;
}

/** The days covered: a sales report's end is exclusive, an invoice export's inclusive. */
export function reportPeriod(report: Pick<Report, "kind" | "from" | "to">) {
  const last = report.to && (report.kind === "sales" ? new Date(report.to.getTime() - 1) : report.to);
  if (report.from && last) return `${day(report.from)} to ${day(last)}`;
  if (report.from) return `from ${day(report.from)}`;
  if (last) return `until ${day(last)}`;
  return "all time";
}

/** Where the run is, in one line: "Running · 42% (1,260 of 3,000 orders)", "Failed: …". */
export function reportProgressLine(
  report: Pick<Report, "kind" | "status" | "rowsDone" | "rowsTotal" | "failureReason">,
) {
  const label = reportStatusLabel[report.status];
  const unit = report.kind === "invoices" ? "invoices" : "orders";
  if (report.status === "queued") return `${label} · waiting for a worker`;
  if (report.status === "failed") return report.failureReason ? `${label}: ${report.failureReason}` : label;
  if (report.status === "running") {
    if (report.rowsTotal === null) return `${label} · counting ${unit}`;
    const percent = report.rowsTotal === 0 ? 100 : Math.floor((report.rowsDone / report.rowsTotal) * 100);
    return `${label} · ${percent}% (${report.rowsDone.toLocaleString("en")} of ${report.rowsTotal.toLocaleString("en")} ${unit})`;
  }
  if (report.status === "done") return `${label} · ${report.rowsDone.toLocaleString("en")} ${unit}`;
  return label;
}

export const isInProgress = (report: Pick<Report, "status">) =>
  report.status === "queued" || report.status === "running";
