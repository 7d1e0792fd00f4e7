import { percentDone, type Report, reportUnit } from "./report";

/**
 * A native progress bar: screen readers announce its value; the words say the
 * same for everyone. A finished report keeps its full bar, so the end of a run
 * reads as 100 % rather than as a bar that vanished.
 */
export function ReportProgress({ report }: { report: Report }) {
  const percent = percentDone(report);
  if (report.status === "queued") return <span className="muted">Waiting for a worker…</span>;
  if (report.status !== "running" && report.status !== "done") return null;
  const label = `Report progress${percent === null ? "" : `: ${percent}%`}`;
  return (
    <span className="report-progress">
      <progress max={100} value={percent ?? undefined} aria-label={label} />
      <span className="muted">
        {report.rowsTotal === null
          ? `Counting ${reportUnit(report)}…`
          : `${report.rowsDone.toLocaleString("en")} of ${report.rowsTotal.toLocaleString("en")} ${reportUnit(report)}`}
      </span>
    </span>
  );
}
