import { Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

/** A call to the API server, already written (../trpc-call/write-calls.ts). */
export type ApiCall = {
  url: URL;
  method: "GET" | "POST";
  headers: Headers;
  body?: string;
  signal: AbortSignal;
  /** The server's answer is passed on as it comes (a JSON-lines batch, a live event stream), not read whole. */
  streaming: boolean;
};

export type SendToApi = (call: ApiCall) => Promise<Response>;

/**
 * Sends forwarded calls over node:http with one keep-alive agent per API
 * server: connections are reused across calls (no handshake per call), and
 * the call skips what `fetch` adds in a Next.js route (its patched fetch's
 * cache and tracing layers, a WHATWG Request built and read again). A JSON
 * answer is read whole (tRPC answers are small, and bounded by the server's
 * own limits); a streamed one is passed on as it arrives.
 */
export function createApiConnection(base: string): SendToApi {
  const secure = new URL(base).protocol === "https:";
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: 10_000,
    maxFreeSockets: 64,
    scheduling: "lifo" as const,
  };
  const agent = secure ? new HttpsAgent(agentOptions) : new Agent(agentOptions);
  const request = secure ? httpsRequest : httpRequest;

  return (call) =>
    new Promise<Response>((resolve, reject) => {
      const outgoing = request(call.url, {
        method: call.method,
        agent,
        headers: {
          ...Object.fromEntries(call.headers),
          ...(call.body !== undefined ? { "content-length": Buffer.byteLength(call.body) } : {}),
        },
        signal: call.signal,
      });
      // An abort surfaces as the signal's own reason (a TimeoutError for AbortSignal.timeout).
      const fail = (error: unknown) => reject(call.signal.aborted ? call.signal.reason : error);
      outgoing.on("error", fail);
      outgoing.on("response", (incoming) => {
        incoming.on("error", fail);
        if (call.streaming) resolve(toResponse(incoming, Readable.toWeb(incoming) as ReadableStream));
        else {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("end", () => resolve(toResponse(incoming, Buffer.concat(chunks))));
        }
      });
      outgoing.end(call.body);
    });
}

const BODILESS = new Set([204, 205, 304]);

function toResponse(incoming: IncomingMessage, body: ReadableStream | Uint8Array): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const status = incoming.statusCode ?? 502;
  return new Response(BODILESS.has(status) ? null : (body as ConstructorParameters<typeof Response>[0]), {
    status,
    headers,
  });
}
