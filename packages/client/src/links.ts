import type { AppRouter } from "@tally/api";
import { httpBatchLink, type TRPCLink } from "@trpc/client";
import superjson from "superjson";
import { unauthorizedLink } from "./unauthorized-link.ts";

export type LinkOptions = {
  /** The tRPC endpoint, e.g. http://127.0.0.1:3000/api/trpc or http://127.0.0.1:4000/trpc. */
  url: string;
  /** Extra headers per request (a bearer token, a request id). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
  /** Called whenever a procedure answers UNAUTHORIZED: the session has expired or was revoked. */
  onUnauthorized?: () => void;
};

/** The links every client uses, so web, mobile and scripts speak the same wire format. */
export function tallyLinks({ url, headers, fetch, onUnauthorized }: LinkOptions): TRPCLink<AppRouter>[] {
  const transport = httpBatchLink<AppRouter>({
    url,
    transformer: superjson,
    maxURLLength: 4000,
    ...(headers ? { headers } : {}),
    ...(fetch ? { fetch } : {}),
  });
  return onUnauthorized ? [unauthorizedLink(onUnauthorized), transport] : [transport];
}
