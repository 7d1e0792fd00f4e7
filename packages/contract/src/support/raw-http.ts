import { once } from "node:events";
import { connect, type Socket } from "node:net";

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * One TCP connection driven by hand, so a test sees what a keep-alive client
 * sees: several requests on the same socket, and whether the server closes it.
 */
export async function rawConnection(origin: string) {
  const { hostname, port } = new URL(origin);
  const socket: Socket = connect(Number(port), hostname);
  await once(socket, "connect");
  let buffer = Buffer.alloc(0);
  let closed = false;
  const closedAt = new Promise<void>((resolve) =>
    socket.once("close", () => {
      closed = true;
      resolve();
    }),
  );
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
  });
  socket.on("error", () => undefined); // a reset after the server closes is what some tests expect

  /** The next complete response on the socket (Content-Length or chunked framing). */
  async function nextResponse(timeoutMs: number): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseResponse(buffer);
      if (parsed) {
        buffer = buffer.subarray(parsed.length);
        return parsed.response;
      }
      if (closed || Date.now() > deadline)
        throw new Error(`no complete response (closed: ${closed}); got ${JSON.stringify(buffer.toString())}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  return {
    send(request: string | Buffer) {
      socket.write(request);
    },
    nextResponse,
    /** Resolves true once the server has closed the connection, false if it is still open after `ms`. */
    closedWithin: (ms: number) =>
      Promise.race([closedAt.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]),
    destroy: () => socket.destroy(),
  };
}

function parseResponse(buffer: Buffer): { response: RawResponse; length: number } | null {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const [statusLine = "", ...lines] = buffer.subarray(0, headEnd).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(" ")[1]);
  const bodyStart = headEnd + 4;
  if (headers["transfer-encoding"] === "chunked") {
    let offset = bodyStart;
    const parts: Buffer[] = [];
    for (;;) {
      const sizeEnd = buffer.indexOf("\r\n", offset);
      if (sizeEnd < 0) return null;
      const size = Number.parseInt(buffer.subarray(offset, sizeEnd).toString(), 16);
      if (buffer.length < sizeEnd + 2 + size + 2) return null;
      if (size === 0)
        return { response: { status, headers, body: Buffer.concat(parts).toString() }, length: sizeEnd + 4 };
      parts.push(buffer.subarray(sizeEnd + 2, sizeEnd + 2 + size));
      offset = sizeEnd + 2 + size + 2;
    }
  }
  const length = Number(headers["content-length"] ?? 0);
  if (buffer.length < bodyStart + length) return null;
  const body = buffer.subarray(bodyStart, bodyStart + length).toString();
  return { response: { status, headers, body }, length: bodyStart + length };
}
