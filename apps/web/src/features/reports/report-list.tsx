"use client";

import { DateTime } from "@/components/date-time";
import { PagedList } from "@/components/paged-list";
import { StatusBadge } from "@/components/status-badge";
import { trpc } from "@/trpc/react";
import {
  firstReportsPage,
  GROUP_BY_OPTIONS,
  isInProgress,
  REPORT_STATUS_LABELS,
  type Report,
} from "./report";
import { ReportProgress } from "./report-progress";

const GROUP_LABELS = Object.fromEntries(GROUP_BY_OPTIONS.map((option) => [option.value, option.label]));
const day = (date: Date) => date.toISOString().slice(0, 10);
/** The report covers [from, to): the last day shown is the one before `to`. */
const lastDay = (to: Date) => day(new Date(to.getTime() - 1));

/** Reports newest first; while any is queued or running the list refreshes every second. */
export function ReportList() {
  const list = trpc.reports.list.useInfiniteQuery(firstReportsPage, {
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isInProgress)) ? 1000 : false,
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
              <th scope="col">Sales by</th>
              <th scope="col">Placed</th>
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
      <th scope="row">{GROUP_LABELS[report.groupBy] ?? report.groupBy}</th>
      <td className="nowrap">
        {day(report.from)} to {lastDay(report.to)}
      </td>
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
