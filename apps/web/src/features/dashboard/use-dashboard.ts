"use client";

import { trpc } from "@/trpc/react";

/** Every overview panel reads the one query the page prefetched: one request, however many panels. */
export function useDashboardOverview() {
  return trpc.dashboard.overview.useQuery();
}

export function useDashboardCash() {
  return trpc.dashboard.cash.useQuery();
}
