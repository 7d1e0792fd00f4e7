"use client";

import { useId } from "react";
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
 * A dashboard panel fed by the insights service. It loads after the page
 * (the page never waits for it) and, when the service has no answer, says so
 * in words, marked `data-state="unavailable"`.
 */
export function InsightPanel<Ok extends { state: "ok" }>({
  title,
  query,
  children,
}: {
  title: string;
  query: PanelQuery<Ok>;
  children: (answer: Ok) => React.ReactNode;
}) {
  const headingId = useId();
  const { data, error } = query;
  const state = error ? "error" : (data?.state ?? "loading");
  let body: React.ReactNode;
  if (error)
    body = <LoadProblem what={title.toLowerCase()} message={error.message} onRetry={() => query.refetch()} />;
  else if (!data) body = <p role="status">Loading…</p>;
  else if (isUnavailable(data))
    body = (
      <p role="status" className="insight-unavailable">
        <span className="status status-unavailable">Unavailable</span> {UNAVAILABLE_TEXT[data.reason]}
      </p>
    );
  else body = children(data);
  return (
    <section className="panel insight-panel" aria-labelledby={headingId} data-state={state}>
      <h2 id={headingId}>{title}</h2>
      {body}
    </section>
  );
}
