import { type AppRouter, createCaller, createContext } from "@tally/api";
import { requestSafety } from "@tally/host";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { getAuth } from "@/server/auth";
import { getDatabase } from "@/server/database";
import { makeQueryClient } from "./query-client";

/** One query client per request, so prefetched data never leaks between users. */
const getQueryClient = cache(makeQueryClient);

/**
 * The same context a request to /api/trpc would get, built once per page
 * render: the layout and the page share one session lookup and one request id.
 */
const createRequestContext = cache(async () => {
  const [{ prisma }, auth] = await Promise.all([getDatabase(), getAuth()]);
  const requestHeaders = new Headers(await headers());
  return createContext({
    db: prisma,
    auth,
    headers: requestHeaders,
    safety: requestSafety(requestHeaders, auth.options.trustedOrigins),
  });
});

/** Calls procedures in-process from server components, as the signed-in visitor. */
export const caller = createCaller(createRequestContext);

/**
 * `trpc.…prefetch()` in a server component fills the request's query client;
 * `<HydrateClient>` hands that cache to the client components below it.
 */
export const { trpc, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);
