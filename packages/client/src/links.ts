import type { AppRouter } from "@tally/api";
import { httpBatchLink, type TRPCLink } from "@trpc/client";
import superjson from "superjson";

export type LinkOptions = {
  /** The tRPC endpoint, e.g. http://127.0.0.1:3000/api/trpc or http://127.0.0.1:4000/trpc. */
  url: string;
  /** Extra headers per request (a bearer token, a request id). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
};

/** The links every client uses, so web, mobile and scripts speak the same wire format. */
export function tallyLinks({ url, headers, fetch }: LinkOptions): TRPCLink<AppRouter>[] {
  return [
    httpBatchLink({
      url,
      transformer: superjson,
      maxURLLength: 4000,
      ...(headers ? { headers } : {}),
      ...(fetch ? { fetch } : {}),
    }),
  ];
}
