"use client";

import { DateTime } from "@/components/date-time";
import { PagedList } from "@/components/paged-list";
import { StatusBadge } from "@/components/status-badge";
import { trpc } from "@/trpc/react";
import {
  firstReportsPage,
  isInProgress,
  REPORT_STATUS_LABELS,
  type Report,
  reportPeriod,
  reportTitle,
} from "./report";
import { ReportProgress } from "./report-progress";

/**
 * Reports newest first. Progress arrives live (report.progress events refresh
 * the list, features/live); while any is queued or running it is also
 * re-read every five seconds, in case the stream is down.
 */
export function ReportList() {
  const list = trpc.reports.list.useInfiniteQuery(firstReportsPage, {
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isInProgress)) ? 5_000 : false,
  });
  return (
    <PagedList
      query={list}
      loading="Loading reports…"
      what="reports"
      empty="No reports yet. Create one above: it runs in the background."
    >
      {(reports) => (
        <table className="data-table">
          <caption className="visually-hidden">Reports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Requested</th>
              <th scope="col">Report</th>
              <th scope="col">Covers</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <ReportRow key={report.id} report={report} />
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}

function ReportRow({ report }: { report: Report }) {
  const utils = trpc.useUtils();
  const cancel = trpc.reports.cancel.useMutation({ onSettled: () => utils.reports.list.invalidate() });
  return (
    <tr>
      <td className="nowrap">
        <DateTime value={report.createdAt} />
      </td>
      <th scope="row">{reportTitle(report)}</th>
      <td className="nowrap">{reportPeriod(report)}</td>
      <td>
        <StatusBadge status={report.status} label={REPORT_STATUS_LABELS[report.status]} />{" "}
        <ReportProgress report={report} />
        {report.status === "failed" && report.failureReason && (
          <span className="field-error"> {report.failureReason}</span>
        )}
      </td>
      <td className="nowrap">
        {report.status === "done" && (
          <a href={`/api/reports/${report.id}/download`} download>
            Download CSV
          </a>
        )}
        {isInProgress(report) && (
          <button type="button" onClick={() => cancel.mutate({ id: report.id })} disabled={cancel.isPending}>
            {cancel.isPending ? "Cancelling…" : "Cancel"}
          </button>
        )}
        {cancel.error && <span className="field-error"> {cancel.error.message}</span>}
      </td>
    </tr>
  );
}
