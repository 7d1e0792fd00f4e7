import { trpc } from "../../src/api/trpc.ts";
import {
  isInProgress,
  reportPeriod,
  reportProgressLine,
  reportTitle,
} from "../../src/reports/report-summary.ts";
import { ListRow } from "../../src/ui/list-row.tsx";
import { PagedList } from "../../src/ui/paged-list.tsx";

/** The organisation's reports, newest first; while any is queued or running the list refreshes every second. */
export default function ReportsScreen() {
  const reports = trpc.reports.list.useInfiniteQuery(
    {},
    {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.items.some(isInProgress)) ? 1000 : false,
    },
  );
  return (
    <PagedList
      query={reports}
      emptyText="No reports yet. Create them on the web: they run in the background."
      renderItem={(report) => (
        <ListRow
          title={`${reportTitle(report)} · ${reportPeriod(report)}`}
          subtitle={reportProgressLine(report)}
        />
      )}
    />
  );
}
