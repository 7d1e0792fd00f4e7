import { type AnyTRPCRouter, getTRPCErrorShape, TRPCError, transformTRPCResponse } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { tracedClientCall } from "../tracing/tracing.ts";
import { writeCalls } from "../trpc-call/index.ts";
import { createApiConnection, type SendToApi } from "./api-connection.ts";
import { SERVICE_CREDENTIAL_HEADER } from "./service-credential.ts";
import {
  buildTrpcRequest,
  readTrpcRequest,
  routerOf,
  type TrpcCall,
  type TrpcRequest,
} from "./trpc-request.ts";

export type ForwardingOptions = {
  router: AnyTRPCRouter;
  /** Where the local handler is mounted, e.g. `/api/trpc`. */
  endpoint: string;
  /** The API server's tRPC base URL, e.g. `http://127.0.0.1:4000/trpc`. */
  remoteUrl: string;
  remoteRouters: ReadonlySet<string>;
  timeoutMs: number;
  /** Authenticates the caller here and returns the credential that vouches for them. */
  credentialFor: (req: Request) => Promise<string>;
  /** Runs calls in this process (tRPC's fetch adapter). */
  local: (req: Request) => Promise<Response>;
  /** How calls reach the server; a keep-alive node:http connection to `remoteUrl` unless given. */
  send?: SendToApi;
};

type Item = { result?: unknown; error?: { json?: { data?: { httpStatus?: number } } } };

/**
 * The web app's tRPC endpoint when some routers have moved to the API server.
 * Calls to moved routers are sent there with a service credential; the rest
 * run here; a batch that mixes both is split and answered as one batch, in
 * order. When the server is down or slow, its calls fail fast with
 * BAD_GATEWAY / GATEWAY_TIMEOUT and the local ones still answer.
 */
export function createForwardingHandler(options: ForwardingOptions) {
  const send = options.send ?? createApiConnection(options.remoteUrl);

  return async function handle(req: Request): Promise<Response> {
    const request = options.remoteRouters.size > 0 ? await readTrpcRequest(req, options.endpoint) : null;
    if (!request) return options.local(req);
    const isRemote = request.calls.map((call) => options.remoteRouters.has(routerOf(call.path)));
    if (!isRemote.some(Boolean)) return options.local(req);

    if (isRemote.every(Boolean)) {
      const forwarded = await forward(req, request, request.calls);
      if (forwarded instanceof Response) return passThrough(forwarded);
      return answer(request, forwarded.items, forwarded.headers);
    }
    if (request.streaming) {
      return answer(
        request,
        request.calls.map((call) => errorItem(call, "BAD_REQUEST", STREAMING_MIX)),
        null,
      );
    }

    const localCalls = request.calls.filter((_, index) => !isRemote[index]);
    const remoteCalls = request.calls.filter((_, index) => isRemote[index]);
    const localRequest = buildTrpcRequest(
      new URL(options.endpoint, req.url).toString(),
      request,
      localCalls,
      req.headers,
    );
    const [localResponse, remote] = await Promise.all([
      options.local(localRequest),
      forward(req, request, remoteCalls),
    ]);
    const localItems = (await localResponse.json()) as Item[];
    const remoteItems = remote instanceof Response ? ((await remote.json()) as Item[]) : remote.items;

    let nextLocal = 0;
    let nextRemote = 0;
    const items = request.calls.map((_, index) =>
      isRemote[index] ? remoteItems[nextRemote++] : localItems[nextLocal++],
    );
    return answer(request, items as Item[], localResponse.headers);
  };

  /**
   * The server's own response when it answered in the expected shape, else one
   * error item per call. A live stream (SSE) is the server's response as it
   * goes: the timeout covers only its start, and the client leaving ends it
   * upstream too. Each (re)connect is a request of its own, with a credential
   * of its own (credentials are single-use and short-lived).
   */
  async function forward(req: Request, request: TrpcRequest, calls: TrpcCall[]) {
    const headers = new Headers({ "content-type": "application/json" });
    headers.set(SERVICE_CREDENTIAL_HEADER, await options.credentialFor(req));
    for (const name of ["trpc-accept", "idempotency-key", "accept", "last-event-id"]) {
      const value = req.headers.get(name);
      if (value) headers.set(name, value);
    }
    const live = isEventStream(req);
    const start = live ? new AbortController() : null;
    const startTimer = start
      ? setTimeout(() => start.abort(new DOMException("timed out", "TimeoutError")), options.timeoutMs)
      : null;
    const signal = start
      ? AbortSignal.any([start.signal, req.signal])
      : AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      const { url, body } = writeCalls(options.remoteUrl, request.method, request.batch, calls);
      // Sent inside the span, after its traceparent is on the headers.
      response = await tracedClientCall("forward to API server", headers, () =>
        send({ url, method: request.method, headers, body, signal, streaming: request.streaming || live }),
      );
      // A live stream may run for minutes; its timeout was for the server to start answering.
      if (startTimer) clearTimeout(startTimer);
    } catch (error) {
      if (startTimer) clearTimeout(startTimer);
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      const code = timedOut ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY";
      const message = timedOut
        ? `The API server did not answer within ${options.timeoutMs} ms`
        : "The API server could not be reached";
      return { items: calls.map((call) => errorItem(call, code, message)), headers: null };
    }
    const contentType = response.headers.get("content-type") ?? "";
    const json = contentType.startsWith("application/json");
    const stream = live && contentType.startsWith("text/event-stream");
    if (!json && !stream && !request.streaming) {
      await response.body?.cancel();
      return {
        items: calls.map((call) =>
          errorItem(call, "BAD_GATEWAY", `The API server answered ${response.status}`),
        ),
        headers: null,
      };
    }
    return response;
  }

  function errorItem(call: TrpcCall, code: TRPC_ERROR_CODE_KEY, message: string): Item {
    const shape = getTRPCErrorShape({
      config: options.router._def._config,
      error: new TRPCError({ code, message }),
      type: "unknown",
      path: call.path,
      input: undefined,
      ctx: undefined,
    });
    return transformTRPCResponse(options.router._def._config, { error: shape }) as Item;
  }
}

const STREAMING_MIX =
  "A streamed batch cannot mix procedures served here and on the API server; send them in separate requests";

/** tRPC's own rule: one status for the whole batch when all calls agree, 207 when they do not. */
function answer(request: TrpcRequest, items: Item[], headers: Headers | null): Response {
  const statuses = new Set(
    items.map((item) => item.error?.json?.data?.httpStatus ?? (item.error ? 500 : 200)),
  );
  const status = statuses.size === 1 ? [...statuses][0]! : 207;
  const responseHeaders = new Headers({ "content-type": "application/json" });
  for (const name of ["vary", ...RATE_LIMIT_HEADERS]) {
    const value = headers?.get(name);
    if (value) responseHeaders.set(name, value);
  }
  return new Response(JSON.stringify(request.batch ? items : items[0]), { status, headers: responseHeaders });
}

/** An API key's standing (rate-limit-headers.ts), from whichever instance counted the call. */
const RATE_LIMIT_HEADERS = ["ratelimit-policy", "ratelimit", "retry-after"];

/** A subscription over server-sent events (httpSubscriptionLink asks for them). */
const isEventStream = (req: Request) =>
  req.method === "GET" && (req.headers.get("accept") ?? "").includes("text/event-stream");

/** The server's answer as it is (streams included), minus connection-level headers. */
function passThrough(response: Response): Response {
  const headers = new Headers();
  for (const name of ["content-type", "vary", "cache-control", "x-accel-buffering", ...RATE_LIMIT_HEADERS]) {
    const value = response.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, headers });
}
