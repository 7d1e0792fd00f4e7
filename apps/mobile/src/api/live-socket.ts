import { createWSClient, type TRPCWebSocketClient } from "@tally/client";
import type { Session } from "../auth/session.ts";

/** apps/server takes WebSockets on its tRPC path: http(s)://host:4000/trpc → ws(s)://host:4000/trpc. */
export function webSocketUrlFor(trpcUrl: string): string {
  const url = new URL(trpcUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString().replace(/\/$/, "");
}

/**
 * The app's one WebSocket, for live streams (React Native's native WebSocket;
 * server-sent events would need polyfills that fail to reconnect after the
 * app was in the background). It opens only while a screen subscribes, and
 * the device's bearer token goes in its connection parameters, read afresh at
 * each (re)connect. A host that cannot upgrade (the Next.js app) leaves lists
 * refreshing as they did before.
 */
export function liveSocket(trpcUrl: string, session: Pick<Session, "token">): TRPCWebSocketClient {
  return createWSClient({
    url: webSocketUrlFor(trpcUrl),
    connectionParams: () => {
      const token = session.token();
      return token ? { token } : {};
    },
    lazy: { enabled: true, closeMs: 10_000 },
  });
}
