import { request } from "node:http";

/** A request as bytes on the wire: anything a client could send, malformed included. */
export type WireRequest = {
  method: string;
  /** Path and query exactly as sent, e.g. `/trpc/echo?input=…`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export type WireResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

/** One request on its own connection, so no test depends on another's connection state. */
export function send(origin: string, wire: WireRequest): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const req = request(
      { hostname, port, method: wire.method, path: wire.path, headers: wire.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(wire.body);
  });
}

/** Headers that describe the connection or the framing, not the answer. */
const FRAMING_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

/** Every header a client can act on, framing aside: content-type, cache-control, vary and any custom one. */
export function meaningfulHeaders(response: WireResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers))
    if (!FRAMING_HEADERS.has(name) && value !== undefined)
      headers[name] = Array.isArray(value) ? value.join("\n") : value;
  return headers;
}
