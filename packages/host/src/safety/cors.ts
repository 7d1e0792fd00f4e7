import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";

/**
 * Browsers on the listed origins (the web app, the Expo web build) may call
 * the API with credentials; any other origin gets no CORS headers, so its
 * page cannot read a response. Clients that are not browsers (the native
 * app, scripts, the web app forwarding) do not use CORS at all.
 */
export function createCors(allowedOrigins: readonly string[]) {
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.includes(origin)),
    credentials: true,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["content-type", "authorization", "trpc-accept", "x-request-id", "idempotency-key"],
    maxAge: 600,
  });
  /** Calls `next` unless the request was a preflight, which it answers itself. */
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    // Only browsers send Origin; everyone else skips the CORS work entirely.
    if (req.headers.origin === undefined) return next();
    middleware(req, res, (error?: unknown) => {
      if (!error) return next();
      res.statusCode = 500;
      res.end();
    });
  };
}
