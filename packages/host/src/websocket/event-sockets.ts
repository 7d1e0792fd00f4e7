import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { appRouter, type ConnectionState, type Context } from "@tally/api";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { fromNodeHeaders } from "better-auth/node";
import { WebSocketServer } from "ws";
import { requestSafety } from "../safety/request-safety.ts";
import { capUnsentBytes } from "./unsent-cap.ts";
import type { WebSocketConfig } from "./websocket-config.ts";

/** A client's messages are small calls; nothing legitimate comes near this. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export type EventSocketsOptions = {
  /** The path WebSockets upgrade on (apps/server: /trpc, beside the HTTP endpoint). */
  path: string;
  config: WebSocketConfig;
  /** How long a socket may stay open; then it is closed and wsLink reconnects, resuming from its last event. */
  maxDurationMs: number;
  /** Origins whose pages may open a socket with the user's cookie. */
  trustedOrigins: readonly string[];
  /** The same context every HTTP call gets, from the upgrade request's headers (cookie) or a bearer token. */
  createContext: (headers: Headers, connection: ConnectionState) => Context | Promise<Context>;
  log: { warn(fields: object, message: string): void };
};

/**
 * tRPC over WebSocket on a server the host owns (Next's route handlers cannot
 * upgrade). The same router and context as HTTP: a cookie on the upgrade
 * request, or `{ token }` in wsLink's connectionParams, which a native app
 * sends because it has no cookie jar. One context per socket, shared by the
 * calls it carries, so the per-connection limit counts them.
 */
export function attachEventSockets(server: Server, options: EventSocketsOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: options.config.pingMs, pongWaitMs: options.config.pongWaitMs },
    createContext: ({ req, info }) => {
      const headers = fromNodeHeaders(req.headers);
      const token = info.connectionParams?.token;
      if (typeof token === "string" && token) {
        headers.delete("cookie");
        headers.set("authorization", `Bearer ${token}`);
      }
      // A page of another site can open a socket here and the browser may attach our cookie: it gets nothing.
      if (requestSafety(headers, options.trustedOrigins).crossSite) headers.delete("cookie");
      return options.createContext(headers, { subscriptions: 0 });
    },
  });

  wss.on("connection", (socket) => {
    capUnsentBytes(socket, options.config.maxUnsentBytes, (unsentBytes) =>
      options.log.warn({ unsentBytes }, "WebSocket dropped: the client stopped reading"),
    );
    // 1012 "service restart": wsLink reconnects and resubscribes from each stream's last event id.
    const timer = setTimeout(() => socket.close(1012, "maximum duration"), options.maxDurationMs);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = req.url?.split("?", 1)[0];
    if (path !== options.path) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    if (wss.clients.size >= options.config.maxConnections) {
      options.log.warn({ open: wss.clients.size }, "WebSocket refused: too many open");
      socket.end("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  server.on("upgrade", onUpgrade);

  return {
    get open() {
      return wss.clients.size;
    },
    /** Asks every client to reconnect (before a deploy), then closes the sockets. */
    async close() {
      server.off("upgrade", onUpgrade);
      handler.broadcastReconnectNotification();
      for (const socket of wss.clients) socket.close(1012, "server stopping");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type EventSockets = ReturnType<typeof attachEventSockets>;
