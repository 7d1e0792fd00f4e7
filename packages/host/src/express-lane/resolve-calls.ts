import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  type inferRouterContext,
  TRPCError,
  type TRPCProcedureType,
  transformTRPCResponse,
} from "@trpc/server";
import type { TRPCRequestInfo } from "@trpc/server/http";
import type { TRPCResponse } from "@trpc/server/rpc";
import { createInputReader, type InputSource } from "./call-inputs.ts";
import type { ExpressLaneOptions } from "./options.ts";
import type { PlainRequest } from "./plain-request.ts";
import { callType } from "./procedures.ts";
import { collectBody } from "./request-body.ts";
import { answerMeta, type MetaHeaders } from "./response-meta.ts";

export type LaneResponse = { status: number; contentType: string; body: string; headers: MetaHeaders };

type Call = TRPCRequestInfo["calls"][number];
type Outcome = [error: TRPCError, data: undefined] | [error: undefined, data: unknown];

const JSON_CONTENT_TYPE = "application/json";
// The adapter builds a fetch `Response` from a string; when it fails before
// choosing a content type (batch too large, mixed types), fetch adds this one.
const FETCH_STRING_CONTENT_TYPE = "text/plain;charset=UTF-8";

// Queries are GET and mutations POST (subscriptions never reach the lane);
// `allowMethodOverride` lets a query come as a POST too, never a mutation as a GET.
const ACCEPTED_METHOD: Record<TRPCProcedureType, string> = {
  query: "GET",
  mutation: "POST",
  subscription: "GET",
};
const acceptsMethod = (type: TRPCProcedureType, method: string | undefined, methodOverride: boolean) =>
  ACCEPTED_METHOD[type] === method || (methodOverride && type === "query" && method === "POST");

/**
 * tRPC's `resolveResponse` for the requests the lane serves, in the same order
 * and with the same errors, `onError` calls, error shapes and status codes, but
 * without fetch `Request`/`Response` objects or streams in between.
 */
export async function resolveCalls<TRouter extends AnyTRPCRouter>(
  options: ExpressLaneOptions<TRouter>,
  req: IncomingMessage,
  res: ServerResponse,
  plain: PlainRequest,
  procedures: Array<AnyTRPCProcedure | null>,
  signal: AbortSignal,
): Promise<LaneResponse> {
  const { router, onError } = options;
  const methodOverride = options.allowMethodOverride ?? false;
  const config = router._def._config;
  let info: TRPCRequestInfo | undefined;
  let ctx: inferRouterContext<TRouter> | undefined;
  let contentType = FETCH_STRING_CONTENT_TYPE;

  try {
    const { isBatchCall, paths } = plain;
    if (isBatchCall && paths.length > options.limits.maxBatchSize)
      throw new TRPCError({ code: "BAD_REQUEST", message: "Batch call exceeds maximum size" });
    const type = callType(procedures);

    const source: InputSource =
      plain.method === "GET"
        ? { method: "GET", query: plain.query }
        : { method: "POST", body: collectBody(req, res, options.limits.maxBodyBytes) };
    const inputs = createInputReader(router, source, isBatchCall ? paths.length : null);
    const calls = paths.map(
      (path, index): Call => ({
        batchIndex: index,
        path,
        procedure: procedures[index] ?? null,
        getRawInput: async () => (await inputs.read())[index],
        result: () => inputs.result()?.[index],
      }),
    );
    info = requestInfo(req, isBatchCall, calls, type, signal);

    let contextError: TRPCError | undefined;
    try {
      ctx = await options.createContext({ req, res, info });
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause);
    }

    const runCall = async (call: Call): Promise<Outcome> => {
      try {
        const procedure = call.procedure;
        if (!procedure)
          throw new TRPCError({ code: "NOT_FOUND", message: `No procedure found on path "${call.path}"` });
        if (!acceptsMethod(procedure._def.type, req.method, methodOverride))
          throw new TRPCError({
            code: "METHOD_NOT_SUPPORTED",
            message: `Unsupported ${req.method}-request to ${procedure._def.type} procedure at path "${call.path}"`,
          });
        if (contextError) throw contextError;
        const data: unknown = await procedure({
          path: call.path,
          getRawInput: call.getRawInput,
          ctx,
          type: procedure._def.type,
          signal,
          batchIndex: call.batchIndex,
        });
        return [undefined, data];
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError?.({
          error,
          path: call.path,
          input: call.result(),
          ctx,
          type: call.procedure?._def.type ?? "unknown",
          req,
        });
        return [error, undefined];
      }
    };
    const outcomes = calls.map(runCall);

    const errorResponse = (error: TRPCError, call: Call, type: TRPCProcedureType | "unknown") => ({
      error: getTRPCErrorShape({ config, ctx, error, input: call.result(), path: call.path, type }),
    });

    if (!isBatchCall) {
      const call = calls[0]!;
      const [error, data] = await outcomes[0]!;
      contentType = JSON_CONTENT_TYPE;
      if (isDataStream(data)) throw streamOnlyError();
      const response: TRPCResponse = error ? errorResponse(error, call, type) : { result: { data } };
      return {
        ...answerMeta(options, { ctx, info, responses: [response], errors: error ? [error] : [] }),
        contentType,
        body: JSON.stringify(transformTRPCResponse(config, response)),
      };
    }

    contentType = JSON_CONTENT_TYPE;
    const settled = await Promise.all(outcomes);
    const responses = settled.map(([error, data], index): TRPCResponse => {
      const call = calls[index]!;
      const callType = call.procedure?._def.type ?? "unknown";
      if (error) return errorResponse(error, call, callType);
      // Like the adapter, without calling onError: the procedure itself succeeded.
      if (isDataStream(data)) return errorResponse(streamOnlyError(), call, callType);
      return { result: { data } };
    });
    // As the adapter does, responseMeta hears of the calls that failed, not of a stream refused afterwards.
    const errors = settled.flatMap(([error]) => (error ? [error] : []));
    return {
      ...answerMeta(options, { ctx, info, responses, errors }),
      contentType,
      body: JSON.stringify(transformTRPCResponse(config, responses)),
    };
  } catch (cause) {
    // Failures of the request as a whole: one error, no path.
    const error = getTRPCErrorFromUnknown(cause);
    const type = info?.type ?? "unknown";
    onError?.({ error, path: undefined, input: undefined, ctx, type, req });
    const response = {
      error: getTRPCErrorShape({ config, ctx, error, input: undefined, path: undefined, type }),
    };
    return {
      ...answerMeta(options, { ctx, info, responses: response, errors: [error] }),
      contentType,
      body: JSON.stringify(transformTRPCResponse(config, response)),
    };
  }
}

function requestInfo(
  req: IncomingMessage,
  isBatchCall: boolean,
  calls: Call[],
  type: TRPCProcedureType | "unknown",
  signal: AbortSignal,
): TRPCRequestInfo {
  return new LaneRequestInfo(req, isBatchCall, calls, type, signal);
}

/** The adapter's request info; a class, so the lazy `url` is a getter on the prototype, not one per request. */
class LaneRequestInfo implements TRPCRequestInfo {
  readonly accept = null;
  readonly connectionParams = null;
  readonly isBatchCall: boolean;
  readonly calls: Call[];
  readonly type: TRPCProcedureType | "unknown";
  readonly signal: AbortSignal;
  // Private, so logging the info never prints the request's headers.
  readonly #req: IncomingMessage;
  #url: URL | undefined;

  constructor(
    req: IncomingMessage,
    isBatchCall: boolean,
    calls: Call[],
    type: TRPCProcedureType | "unknown",
    signal: AbortSignal,
  ) {
    this.#req = req;
    this.isBatchCall = isBatchCall;
    this.calls = calls;
    this.type = type;
    this.signal = signal;
  }

  // Built only if createContext asks: most never do.
  get url(): URL {
    this.#url ??= new URL(this.#req.url ?? "/", `http://${this.#req.headers.host ?? "localhost"}`);
    return this.#url;
  }
}

function streamOnlyError() {
  return new TRPCError({
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
  });
}

/** An async iterable, or an object holding promises or async iterables: only streaming links can carry it. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromise) || values.some(isAsyncIterable);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === "object";
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return isObject(value) && Symbol.asyncIterator in value;
}

function isPromise(value: unknown): boolean {
  return (
    (isObject(value) || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function" &&
    typeof (value as { catch?: unknown }).catch === "function"
  );
}
