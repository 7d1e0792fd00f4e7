import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApiKeyPolicy, appRouter, createContext, logger, type RulesConfig } from "@tally/api";
import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import { TRPCError } from "@trpc/server";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { createInvoiceExportHandler } from "../exports/invoice-export.ts";
import { collectBody } from "../express-lane/request-body.ts";
import { jsonResponse, readBodyWithin } from "../fetch/responses.ts";
import type { TrpcLimits } from "../limits/limits-config.ts";
import { rateLimitResponseMeta } from "../limits/rate-limit-headers.ts";
import { fetchHeaders, serveFetch } from "../node/serve-fetch.ts";
import { requestSafety } from "../safety/request-safety.ts";
import { docsPage, docsStartScript, scalarBundle } from "./docs-page.ts";
import { INVOICE_CSV_PATH, partnerOpenApiDocument, REST_BASE_PATH } from "./openapi-document.ts";
import { problemParts, problemResponse } from "./problem.ts";

export type RestHandlerOptions = {
  db: PrismaClient;
  auth: Auth;
  limits: TrpcLimits;
  rules?: RulesConfig;
  queue?: Queue | null;
  apiKeys?: ApiKeyPolicy;
};

/** What a procedure answered, problem+json already made of an error: the same bytes on either host. */
type RestAnswer = { status: number; headers: Headers; body: string };
type ProcedureCall = {
  method: string;
  pathAndQuery: string;
  headers: Headers;
  body: unknown;
  signal: AbortSignal;
};

/**
 * `/api/v1/…` for both hosts: the procedures that declare `meta.openapi`,
 * called through trpc-to-openapi with the same context, ladder and limits as
 * /trpc, plus the document, its docs page and the invoice CSV. Its answers
 * are JSON (dates as ISO strings) and its errors problem+json.
 */
export function createRestHandler(options: RestHandlerOptions): (request: Request) => Promise<Response> {
  return createRestHandlers(options).fetch;
}

/**
 * The same API for a node:http server (apps/server): a procedure's call goes
 * from the socket to the library's Node handler and back without a fetch
 * Request or Response in between, which cost a partner's read about a tenth
 * of its throughput against tRPC's express lane (bench:partner). The
 * document, docs and CSV keep the fetch path.
 */
export function createNodeRestHandler(
  options: RestHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return createRestHandlers(options).node;
}

function createRestHandlers({ db, auth, limits, rules, queue = null, apiKeys = {} }: RestHandlerOptions) {
  const contextFor = (headers: Headers) =>
    createContext({
      db,
      auth,
      headers,
      queue,
      apiKeys,
      ...(rules ? { config: rules } : {}),
      safety: requestSafety(headers, auth.options.trustedOrigins),
    });
  // Built once: the library checks the router and indexes its routes when the handler is made.
  const openApiHandler = createOpenApiNodeHttpHandler({
    router: appRouter,
    createContext: ({ req }: { req: { headers: Headers } }) => contextFor(req.headers),
    responseMeta: rateLimitResponseMeta,
    onError: ({ error, path }: { error: TRPCError; path?: string }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ path, err: error.cause ?? error }, "unhandled error");
    },
  } as never) as unknown as (req: unknown, res: unknown) => Promise<void>;
  const exportCsv = createInvoiceExportHandler({ db, auth, ...(rules ? { config: rules } : {}), apiKeys });

  /** The document, its docs page and the CSV; null for a procedure's route. */
  function fixedRoute(method: string, path: string): ((request: Request) => Promise<Response>) | null {
    if (method === "GET" && path === "/openapi.json")
      return async () => jsonResponse(200, partnerOpenApiDocument());
    if (method === "GET" && path === "/docs") return async () => docsPage();
    if (method === "GET" && path === "/docs/scalar.js") return async () => scalarBundle();
    if (method === "GET" && path === "/docs/start.js") return async () => docsStartScript();
    // Before the procedures' routes: `/invoices/{id}` would otherwise take "export.csv" for an id.
    if (path === INVOICE_CSV_PATH) return async (request) => asProblem(await exportCsv(request));
    return null;
  }

  async function handleFetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = restPath(url.pathname);
    const fixed = fixedRoute(request.method, path);
    if (fixed) return fixed(request);
    let body: unknown;
    if (hasBody(request.method)) {
      const parsed = parseBody(await readBodyWithin(request, limits.maxBodyBytes), request.headers);
      if (!parsed.ok) return new Response(parsed.answer.body, parsed.answer);
      body = parsed.body;
    }
    const answer = await callProcedure({
      method: request.method,
      pathAndQuery: `${path}${url.search}`,
      headers: request.headers,
      body,
      signal: request.signal,
    });
    return new Response(answer.body, answer);
  }

  async function handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    const search = query === -1 ? undefined : url.slice(query + 1);
    const path = restPath(pathname);
    if (fixedRoute(method, path)) return serveFetch(handleFetch, req, res);
    try {
      const headers = fetchHeaders(req.headers);
      let body: unknown;
      if (hasBody(method)) {
        const bytes = await collectBody(req, res, limits.maxBodyBytes);
        if (bytes instanceof Error && !(bytes instanceof TRPCError)) return void res.destroy();
        const parsed = parseBody(bytes instanceof Error ? null : bytes, headers);
        if (!parsed.ok) return sendAnswer(res, parsed.answer);
        body = parsed.body;
      }
      const pathAndQuery = search === undefined ? path : `${path}?${search}`;
      const hangUp = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) hangUp.abort();
      });
      sendAnswer(res, await callProcedure({ method, pathAndQuery, headers, body, signal: hangUp.signal }));
    } catch (error) {
      logger.error({ err: error, path: pathname }, "unhandled error");
      if (!res.headersSent)
        sendAnswer(
          res,
          problemAnswer(500, { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" }),
        );
      else res.destroy();
    }
  }

  /** The library's Node handler, given the URL without the base path and the body already parsed. */
  async function callProcedure({ pathAndQuery, ...call }: ProcedureCall): Promise<RestAnswer> {
    const req = requestForLibrary({ ...call, url: pathAndQuery });
    const captured = await new Promise<RestAnswer>((resolve, reject) => {
      const responseHeaders = new Headers();
      const res = {
        statusCode: 200,
        setHeader(name: string, value: string | string[]) {
          for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
        },
        end(text: string | undefined) {
          resolve({ status: res.statusCode, headers: responseHeaders, body: text ?? "" });
        },
      };
      openApiHandler(req, res).catch(reject);
    });
    if (captured.status < 400) return captured;
    return problemAnswer(captured.status, JSON.parse(captured.body), captured.headers);
  }

  return { fetch: handleFetch, node: handleNode };
}

/**
 * The library reads a fetch Request's headers and signal when it is given one
 * (`instanceof Request`), and otherwise rebuilds a Request from a Node
 * message. This passes that check with the fields it reads as own properties,
 * so neither host pays for a Request it does not need.
 */
function requestForLibrary(fields: Omit<ProcedureCall, "pathAndQuery"> & { url: string }): Request {
  const descriptors: PropertyDescriptorMap = {};
  for (const [name, value] of Object.entries(fields)) descriptors[name] = { value, writable: true };
  return Object.create(Request.prototype, descriptors) as Request;
}

const restPath = (pathname: string) => pathname.slice(REST_BASE_PATH.length) || "/";
const hasBody = (method: string) => method !== "GET" && method !== "HEAD";

/** A JSON body (an empty one is `{}`), or the problem that refuses it; any other content type is left to the library. */
function parseBody(
  bytes: Uint8Array | null,
  headers: Headers,
): { ok: true; body: unknown } | { ok: false; answer: RestAnswer } {
  if (bytes === null)
    return {
      ok: false,
      answer: problemAnswer(413, { code: "PAYLOAD_TOO_LARGE", message: "The body is too large" }),
    };
  if (!headers.get("content-type")?.startsWith("application/json")) return { ok: true, body: undefined };
  const text = new TextDecoder().decode(bytes);
  try {
    return { ok: true, body: text ? JSON.parse(text) : {} };
  } catch {
    return {
      ok: false,
      answer: problemAnswer(400, { code: "PARSE_ERROR", message: "The body is not valid JSON" }),
    };
  }
}

function problemAnswer(
  status: number,
  body: Parameters<typeof problemParts>[1],
  headers?: Headers,
): RestAnswer {
  return { status, ...problemParts(status, body, headers) };
}

function sendAnswer(res: ServerResponse, answer: RestAnswer) {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers["content-length"] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers).end(answer.body);
}

/** The CSV download's JSON refusals, as every other REST error is shaped. */
async function asProblem(response: Response): Promise<Response> {
  if (response.ok) return response;
  const { error, inputIssues } = (await response.json()) as {
    error?: string;
    inputIssues?: { fieldErrors?: Record<string, string[]> };
  };
  const code = response.status === 409 ? "CONFLICT" : (TRPC_CODES[response.status] ?? "BAD_REQUEST");
  return problemResponse(response.status, { code, message: error ?? "Refused", data: { inputIssues } });
}

const TRPC_CODES: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  429: "TOO_MANY_REQUESTS",
};
