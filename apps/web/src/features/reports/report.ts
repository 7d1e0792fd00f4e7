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

export const isInProgress = (report: Pick<Report, "status">) =>
  report.status === "queued" || report.status === "running";

/** Whole percent done; unknown while the job has not counted the orders yet. */
export function percentDone(report: Pick<Report, "rowsDone" | "rowsTotal" | "status">): number | null {
  if (report.status === "done") return 100;
  if (!report.rowsTotal) return report.rowsTotal === 0 && report.status === "running" ? 100 : null;
  return Math.min(100, Math.floor((report.rowsDone / report.rowsTotal) * 100));
}

export const firstReportsPage = { limit: 20 };
