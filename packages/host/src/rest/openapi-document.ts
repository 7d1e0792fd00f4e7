import { API_KEY_MARK, appRouter } from "@tally/api";
import { invoiceFilters } from "@tally/validators";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { z } from "zod";

export const REST_BASE_PATH = "/api/v1";
export const INVOICE_CSV_PATH = "/invoices/export.csv";

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe("The tRPC error code, e.g. BAD_REQUEST, NOT_FOUND"),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

const DESCRIPTION = `Orders, invoices and payments of one organisation, for partner systems.

Authenticate with an API key an admin creates on the API keys page:
\`Authorization: Bearer ${API_KEY_MARK}…\`. A key reaches only the operations that name one of
its scopes (403 otherwise) and only its own organisation's records (404 for anything else);
a revoked or expired key is refused (401) at once.

Each key has a limit of calls per minute across every Tally instance. Responses carry
\`RateLimit-Policy\` and \`RateLimit\`; a refused call is 429 with \`Retry-After\` (seconds).

Errors are \`application/problem+json\` (RFC 9457): \`errors\` names each wrong field.
Dates are ISO 8601 strings in UTC; amounts are integers in minor units of their currency.
Placing an order takes an \`Idempotency-Key\` header: a retry with the same key returns the
first result instead of placing twice.`;

type OpenApiDocument = ReturnType<typeof generateOpenApiDocument>;
let cached: OpenApiDocument | undefined;

/** The errors every partner operation may answer, as the handler writes them (problem.ts). */
const ERROR_RESPONSES: Record<string, string> = {
  400: "Invalid input: `errors` names each wrong field",
  401: "No API key, or one unknown, revoked or expired",
  403: "The key lacks the scope this operation needs",
  404: "Not found in the key's organisation",
  409: "The record changed meanwhile (send the current version), or the request conflicts with its state",
  429: "Over the key's limit: see Retry-After",
  500: "Internal server error",
};

/**
 * The library documents errors as its own JSON shape; the handler answers
 * problem+json (problem.ts). Each operation's errors point at one Problem schema.
 */
function withProblemResponses(document: OpenApiDocument): OpenApiDocument {
  const problemRef = { $ref: "#/components/schemas/Problem" };
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      if (typeof operation !== "object" || !operation || !("responses" in operation)) continue;
      const responses = operation.responses as Record<string, unknown>;
      for (const status of Object.keys(responses)) if (Number(status) >= 400) delete responses[status];
      for (const [status, description] of Object.entries(ERROR_RESPONSES))
        responses[status] = { description, content: { "application/problem+json": { schema: problemRef } } };
    }
  }
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  return document;
}

/** The partner API's OpenAPI 3.1 document, from the procedures' `meta.openapi`, inputs and outputs. */
export function partnerOpenApiDocument() {
  cached ??= withProblemResponses(
    generateOpenApiDocument(appRouter, {
      title: "Tally partner API",
      description: DESCRIPTION,
      version: "1.0.0",
      baseUrl: REST_BASE_PATH,
      docsUrl: `${REST_BASE_PATH}/docs`,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: `An API key (${API_KEY_MARK}…)` },
      },
      defs: { Problem: problem },
      paths: {
        [INVOICE_CSV_PATH]: {
          get: {
            operationId: "invoices-exportCsv",
            summary: "Download invoices as CSV",
            description:
              "Every invoice matching the filters, newest first. 409 past the direct-download limit.",
            tags: ["Invoices"],
            security: [{ apiKey: [] }],
            requestParams: { query: invoiceFilters },
            responses: {
              200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
            },
          },
        },
      },
    }),
  );
  return cached;
}
