"use client";

import type { EventMessage } from "@tally/api";
import { trpc } from "@/trpc/react";
import { refreshFor } from "./refresh-for";

/**
 * One live stream per tab (a browser opens few connections per host), for
 * the whole signed-in app: each event refreshes the queries that show what it
 * changed, if they are on screen; a resync refreshes everything. The stream
 * resumes by itself after a dropped connection, from its last event.
 */
export function LiveUpdates() {
  const utils = trpc.useUtils();
  const stream = trpc.events.onChange.useSubscription(undefined, {
    onData: ({ data }: { data: EventMessage }) => {
      void refreshFor(utils, data);
    },
  });
  const state = stream.status === "pending" ? "connected" : stream.status;
  // Nothing to read or see: the attribute tells tests (and a curious developer) whether the stream is up.
  return <span hidden data-live={state} />;
}
