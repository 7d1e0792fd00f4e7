import type { ServerResponse } from "node:http";
import type { LaneResponse } from "./resolve-calls.ts";

/**
 * One write with a known length; the adapter streams the same bytes chunked.
 * As in the adapter, a status a procedure set on `res` itself wins, and
 * headers it set (a cookie from createContext) are kept.
 */
export function writeResponse(res: ServerResponse, { status, contentType, body, headers }: LaneResponse) {
  if (res.headersSent || res.destroyed) return;
  // With the length known, node:http sends head and body in one write instead of chunks.
  res.writeHead(res.statusCode === 200 ? status : res.statusCode, {
    "content-type": contentType,
    vary: "trpc-accept, accept",
    // responseMeta's, as the adapter adds them after its own content-type and vary.
    ...headers,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * The adapter's last resort when even the error response failed (the error
 * formatter or onError threw). It would end with an unhandled rejection; the
 * lane answers 500 and reports the bug as a process warning instead.
 */
export function writeUnexpectedFailure(res: ServerResponse, cause: unknown) {
  process.emitWarning(cause instanceof Error ? cause : new Error(String(cause)), "ExpressLaneFailure");
  if (res.headersSent || res.destroyed) return void res.destroy();
  res.writeHead(500, { "content-type": "application/json" });
  res.end('{"error":{"message":"Internal server error"}}');
}
