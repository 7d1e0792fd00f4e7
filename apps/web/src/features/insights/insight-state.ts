import type { RouterOutputs } from "@tally/api";

export type ReorderSoon = RouterOutputs["insights"]["reorderSoon"];
export type InvoicesAtRisk = RouterOutputs["insights"]["invoicesAtRisk"];
export type UnavailableReason = Extract<ReorderSoon, { state: "unavailable" }>["reason"];

/** What a panel says when the insights service has no answer: the rest of the page works regardless. */
export const UNAVAILABLE_TEXT: Record<UnavailableReason, string> = {
  not_configured: "The insights service is not set up for this Tally.",
  unreachable: "The insights service cannot be reached right now.",
  timeout: "The insights service did not answer in time.",
  circuit_open: "The insights service failed several times in a row; Tally will ask again shortly.",
  busy: "The insights service is busy; try again in a moment.",
  rejected: "The insights service refused Tally's credential.",
  bad_response: "The insights service sent an answer Tally could not read.",
};

/** Panels ask once per visit: the API already retries and caches, and a failed answer is not an error. */
export const PANEL_QUERY_OPTIONS = { retry: false, staleTime: 60_000, refetchOnWindowFocus: false } as const;

export const PANEL_LIMIT = { limit: 10 } as const;
