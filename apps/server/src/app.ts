import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { appRouter, createContext, logger } from "@tally/api";
import type { PrismaClient } from "@tally/db";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";

export type AppOptions = { db: PrismaClient };

/** The standalone host: the same appRouter as the web app, plus the routes only a server needs. */
export function createApp({ db }: AppOptions): RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: ({ req }) => createContext({ db, headers: nodeHeaders(req) }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ path, err: error.cause ?? error }, "unhandled error");
    },
  });

  return (req, res) => {
    const path = req.url?.split("?", 1)[0] ?? "/";
    if (path.startsWith("/trpc/")) return trpc(req, res);
    if (path === "/health") return sendJson(res, 200, { status: "ok" });
    sendJson(res, 404, { error: "Not found" });
  };
}

function nodeHeaders(req: IncomingMessage) {
  return {
    get(name: string) {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
