import { type AppRouter, createCaller } from "@tally/api";
import { createRequestContext } from "@tally/host";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { getRuntime } from "@/server/runtime";
import { makeQueryClient } from "./query-client";

/** One query client per request, so prefetched data never leaks between users. */
const getQueryClient = cache(makeQueryClient);

/**
 * The same context a request to /api/trpc would get, built once per page
 * render: the layout and the page share one session lookup and one request id.
 */
const requestContext = cache(async () => {
  // Headers first: while `next build` prerenders, this bails out before any database is opened.
  const requestHeaders = new Headers(await headers());
  return createRequestContext(await getRuntime(), requestHeaders);
});

/** Calls procedures in-process from server components, as the signed-in visitor. */
export const caller = createCaller(requestContext);

/**
 * `trpc.…prefetch()` in a server component fills the request's query client;
 * `<HydrateClient>` hands that cache to the client components below it.
 */
export const { trpc, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);
