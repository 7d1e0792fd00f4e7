"use client";

import type { ReactNode } from "react";
import { LoadProblem } from "@/components/load-problem";

/** The parts of a query a panel needs. */
type PanelQuery<Data> = {
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
  data: Data | undefined;
  refetch: () => unknown;
};

type PanelBodyProps<Data> = {
  query: PanelQuery<Data>;
  /** What failed to load, as in "Could not load sales". */
  what: string;
  /** Whether there is nothing to show yet, and what to say then. */
  isEmpty: (data: Data) => boolean;
  empty: ReactNode;
  children: (data: Data) => ReactNode;
};

/** Loading, problem and empty handled once for every dashboard panel. */
export function PanelBody<Data>({ query, what, isEmpty, empty, children }: PanelBodyProps<Data>) {
  if (query.isPending) return <p className="muted">Loading {what}…</p>;
  if (query.isError || !query.data)
    return <LoadProblem what={what} message={query.error?.message ?? ""} onRetry={query.refetch} />;
  if (isEmpty(query.data)) return <p className="muted">{empty}</p>;
  return <>{children(query.data)}</>;
}
