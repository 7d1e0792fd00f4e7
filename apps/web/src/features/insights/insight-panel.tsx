"use client";

import { LoadProblem } from "@/components/load-problem";
import { UNAVAILABLE_TEXT, type UnavailableReason } from "./insight-state";

type Unavailable = { state: "unavailable"; reason: UnavailableReason };
type PanelQuery<Ok> = {
  data: Ok | Unavailable | undefined;
  error: { message: string } | null;
  refetch: () => unknown;
};

const isUnavailable = <Ok,>(data: Ok | Unavailable): data is Unavailable =>
  (data as { state: string }).state === "unavailable";

/**
 * The inside of a dashboard panel fed by the insights service. It loads after
 * the page (the dashboard never waits for it) and, when the service has no
 * answer, says so in words, marked `data-state="unavailable"`.
 */
export function InsightBody<Ok extends { state: "ok" }>({
  what,
  query,
  children,
}: {
  /** As in "Loading reorder suggestions…". */
  what: string;
  query: PanelQuery<Ok>;
  children: (answer: Ok) => React.ReactNode;
}) {
  const { data, error } = query;
  let body: React.ReactNode;
  if (error) body = <LoadProblem what={what} message={error.message} onRetry={() => query.refetch()} />;
  else if (!data) body = <p className="muted">Loading {what}…</p>;
  else if (isUnavailable(data))
    body = (
      <p role="status" className="insight-unavailable">
        <span className="status status-unavailable">Unavailable</span> {UNAVAILABLE_TEXT[data.reason]}
      </p>
    );
  else body = children(data);
  return (
    <div className="insight-body" data-state={error ? "error" : (data?.state ?? "loading")}>
      {body}
    </div>
  );
}
