import {
  type ApiKeyPolicy,
  appRouter,
  type Context,
  createContext,
  logger,
  RateLimitedError,
  type RateVerdict,
  type RulesConfig,
} from "@tally/api";
import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import type { TRPCError } from "@trpc/server";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { createInvoiceExportHandler } from "../exports/invoice-export.ts";
import { jsonResponse, readBodyWithin } from "../fetch/responses.ts";
import type { TrpcLimits } from "../limits/limits-config.ts";
import { requestSafety } from "../safety/request-safety.ts";
import { docsPage, docsStartScript, scalarBundle } from "./docs-page.ts";
import { INVOICE_CSV_PATH, partnerOpenApiDocument, REST_BASE_PATH } from "./openapi-document.ts";
import { problemResponse } from "./problem.ts";

export type RestHandlerOptions = {
  db: PrismaClient;
  auth: Auth;
  limits: TrpcLimits;
  rules?: RulesConfig;
  queue?: Queue | null;
  apiKeys?: ApiKeyPolicy;
};

type CapturedResponse = { status: number; headers: Headers; body: string };

/**
 * `/api/v1/…` for both hosts: the procedures that declare `meta.openapi`,
 * called through trpc-to-openapi with the same context, ladder and limits as
 * /trpc, plus the document, its docs page and the invoice CSV. Its answers
 * are JSON (dates as ISO strings) and its errors problem+json.
 */
export function createRestHandler({
  db,
  auth,
  limits,
  rules,
  queue = null,
  apiKeys = {},
}: RestHandlerOptions): (request: Request) => Promise<Response> {
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
  const callProcedure = createOpenApiNodeHttpHandler({
    router: appRouter,
    createContext: ({ req }: { req: { headers: Headers } }) => contextFor(req.headers),
    responseMeta: ({ ctx, errors }: { ctx?: Context; errors: TRPCError[] }) => {
      const refusal = errors[0]?.cause;
      const rate = refusal instanceof RateLimitedError ? refusal.verdict : ctx?.apiKey?.rate;
      return rate ? { headers: rateLimitHeaders(rate, refusal instanceof RateLimitedError) } : {};
    },
    onError: ({ error, path }: { error: TRPCError; path?: string }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ path, err: error.cause ?? error }, "unhandled error");
    },
  } as never) as unknown as (req: unknown, res: unknown) => Promise<void>;
  const exportCsv = createInvoiceExportHandler({ db, auth, ...(rules ? { config: rules } : {}), apiKeys });

  return async function handleRest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(REST_BASE_PATH.length) || "/";
    if (request.method === "GET" && path === "/openapi.json")
      return jsonResponse(200, partnerOpenApiDocument());
    if (request.method === "GET" && path === "/docs") return docsPage();
    if (request.method === "GET" && path === "/docs/scalar.js") return scalarBundle();
    if (request.method === "GET" && path === "/docs/start.js") return docsStartScript();
    // Before the procedures' routes: `/invoices/{id}` would otherwise take "export.csv" for an id.
    if (path === INVOICE_CSV_PATH) return asProblem(await exportCsv(request));

    let body: unknown;
    if (request.method !== "GET" && request.method !== "HEAD") {
      const bytes = await readBodyWithin(request, limits.maxBodyBytes);
      if (bytes === null)
        return problemResponse(413, { code: "PAYLOAD_TOO_LARGE", message: "The body is too large" });
      const text = new TextDecoder().decode(bytes);
      if (request.headers.get("content-type")?.startsWith("application/json")) {
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          return problemResponse(400, { code: "PARSE_ERROR", message: "The body is not valid JSON" });
        }
      }
    }
    const captured = await call(request, `${path}${url.search}`, body);
    if (captured.status < 400) return new Response(captured.body, captured);
    return problemResponse(captured.status, JSON.parse(captured.body), captured.headers);
  };

  /** The library's Node handler over a fetch Request: the URL without the base path, the body already read. */
  function call(request: Request, pathAndQuery: string, body: unknown): Promise<CapturedResponse> {
    const req = new Proxy(request, {
      get: (target, property) =>
        property === "url"
          ? pathAndQuery
          : property === "body"
            ? body
            : Reflect.get(target, property, target),
      has: (target, property) => property === "body" || Reflect.has(target, property),
    });
    return new Promise((resolve, reject) => {
      const headers = new Headers();
      const res = {
        statusCode: 200,
        setHeader(name: string, value: string | string[]) {
          for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
        },
        end(text: string | undefined) {
          resolve({ status: res.statusCode, headers, body: text ?? "" });
        },
      };
      callProcedure(req, res).catch(reject);
    });
  }
}

/** IETF draft-ietf-httpapi-ratelimit-headers: the policy, what is left of it, and Retry-After on a refusal. */
function rateLimitHeaders(rate: RateVerdict, refused: boolean): Record<string, string> {
  return {
    "ratelimit-policy": `"per-key";q=${rate.limit};w=60`,
    ratelimit: `"per-key";r=${rate.remaining};t=${rate.resetSeconds}`,
    ...(refused ? { "retry-after": String(rate.resetSeconds) } : {}),
  };
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
