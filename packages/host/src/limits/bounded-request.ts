import { TRPCError } from "@trpc/server";
import type { TrpcLimits } from "./limits-config.ts";

export type BoundedRequest = {
  request: Request;
  /** The body was larger than allowed: the answer must close the connection. */
  oversized: boolean;
};

/**
 * The fetch path's body limit, with the Node adapter's behaviour: a body over
 * the limit becomes a stream that fails with PAYLOAD_TOO_LARGE when tRPC reads
 * the input, so both hosts refuse it at the same moment with the same error.
 * A body within the limit is read once and handed on as bytes (forwarding
 * reads it again); a declared length over the limit is refused unread.
 */
export async function boundRequestBody(
  request: Request,
  { maxBodyBytes }: TrpcLimits,
): Promise<BoundedRequest> {
  if (!request.body) return { request, oversized: false };
  const declared = Number(request.headers.get("content-length") ?? 0);
  const bytes = declared > maxBodyBytes ? null : await readWithin(request.body, maxBodyBytes);
  const init = { method: request.method, headers: request.headers, signal: request.signal };
  if (bytes) return { request: new Request(request.url, { ...init, body: bytes }), oversized: false };
  const refusal = new ReadableStream<Uint8Array>({
    start: (controller) => controller.error(new TRPCError({ code: "PAYLOAD_TOO_LARGE" })),
  });
  // A streamed request body needs duplex "half", which the DOM typings (web's tsconfig) do not know yet.
  const streamed: RequestInit & { duplex: "half" } = { ...init, body: refusal, duplex: "half" };
  return { request: new Request(request.url, streamed), oversized: true };
}

/** The body's bytes, or null as soon as it passes `maxBytes` (the rest is never held in memory). */
async function readWithin(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Buffer<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** tRPC's rule, checked before a batch is split between this process and the API server. */
export function exceedsBatchLimit(request: Request, endpoint: string, { maxBatchSize }: TrpcLimits): boolean {
  const url = new URL(request.url);
  if (url.searchParams.get("batch") !== "1" || !url.pathname.startsWith(`${endpoint}/`)) return false;
  // Commas only separate paths; an encoded one (%2C) is a separator to tRPC too, once decoded.
  const paths = url.pathname.slice(endpoint.length + 1).replaceAll(/%2c/gi, ",");
  return paths.split(",").length > maxBatchSize;
}

/** The same answer, telling the client this connection ends here (the rest of its body is not read). */
export function closingConnection(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set("connection", "close");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
