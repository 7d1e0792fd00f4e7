import type { RouterOutputs } from "@tally/api";

export type DashboardOverview = RouterOutputs["dashboard"]["overview"];
export type DashboardCash = RouterOutputs["dashboard"]["cash"];
export type BucketSeries = DashboardOverview["sales"]["weeks"];

/** Bucket labels in UTC, as the API buckets them: "17 Nov", "Nov 2026". */
const WEEK_LABEL = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const MONTH_LABEL = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export function bucketLabel(start: Date, unit: "week" | "month"): string {
  return unit === "week" ? `w/c ${WEEK_LABEL.format(start)}` : MONTH_LABEL.format(start);
}
