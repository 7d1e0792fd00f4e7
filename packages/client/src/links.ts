import type { AppRouter } from "@tally/api";
import {
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCLink,
  type TRPCWebSocketClient,
  wsLink,
} from "@trpc/client";
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
  /**
   * How live streams (`events.onChange`) travel. By default server-sent events
   * on `url` with the browser's EventSource and its cookie; `sse` passes an
   * EventSource of one's own (Node, or one that sends a bearer token); `ws`
   * sends them over a WebSocket client (createWSClient against apps/server).
   */
  live?: { sse: LiveSse } | { ws: TRPCWebSocketClient };
};

/** An EventSource constructor and what it is opened with (headers go in its own options, e.g. `fetch`). */
export type LiveSse = {
  EventSource: new (url: string, init?: never) => EventSource;
  eventSourceOptions?: () => object | Promise<object>;
};

/** The links every client uses, so web, mobile and scripts speak the same wire format. */
export function tallyLinks(options: LinkOptions): TRPCLink<AppRouter>[] {
  const { url, headers, fetch, onUnauthorized } = options;
  const transport = httpBatchLink<AppRouter>({
    url,
    transformer: superjson,
    maxURLLength: 4000,
    ...(headers ? { headers } : {}),
    ...(fetch ? { fetch } : {}),
  });
  const live = liveLink(url, options.live);
  const split = splitLink<AppRouter>({
    condition: (op) => op.type === "subscription",
    true: live,
    false: transport,
  });
  return onUnauthorized ? [unauthorizedLink(onUnauthorized), split] : [split];
}

function liveLink(url: string, live: LinkOptions["live"]): TRPCLink<AppRouter> {
  if (live && "ws" in live) return wsLink<AppRouter>({ client: live.ws, transformer: superjson });
  return httpSubscriptionLink({
    url,
    transformer: superjson,
    ...(live?.sse.EventSource ? { EventSource: live.sse.EventSource as never } : {}),
    ...(live?.sse.eventSourceOptions ? { eventSourceOptions: live.sse.eventSourceOptions as never } : {}),
  });
}
