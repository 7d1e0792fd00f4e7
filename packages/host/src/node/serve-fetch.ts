import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { logger } from "@tally/api";

export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Serves a fetch-style handler (the ones in this folder) from a node:http
 * server. Bodies stream both ways: a request body is read only as the
 * handler reads it, and a streamed response goes out as it is produced,
 * with the client's pace holding the producer back. Never rejects: a
 * failure before the response starts is a 500, one after it cuts the
 * connection, so the client can tell the download is incomplete.
 */
export async function serveFetch(handler: FetchHandler, req: IncomingMessage, res: ServerResponse) {
  try {
    const response = await handler(toFetchRequest(req));
    await sendFetchResponse(response, res);
  } catch (error) {
    if (isClientGone(error)) return;
    logger.error({ err: error, path: req.url?.split("?", 1)[0] }, "unhandled error");
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/json" }).end('{"error":"Internal server error"}');
    } else res.destroy();
  }
}

export function fetchHeaders(nodeHeaders: IncomingMessage["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(nodeHeaders)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

export function toFetchRequest(req: IncomingMessage): Request {
  const headers = fetchHeaders(req.headers);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // A streamed request body needs duplex "half", which the DOM typings (web's tsconfig) do not know yet.
  const init: RequestInit & { duplex: "half" } = {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: "half",
  };
  // The origin only makes the URL absolute; handlers read its path and query.
  return new Request(new URL(req.url ?? "/", "http://localhost"), init);
}

export async function sendFetchResponse(response: Response, res: ServerResponse) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // pipeline ends the response with the body, and when the client hangs up it
  // destroys the body, which cancels the handler's stream: production stops.
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

function isClientGone(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ERR_STREAM_PREMATURE_CLOSE";
}
