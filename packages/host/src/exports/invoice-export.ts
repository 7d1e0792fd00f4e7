import {
  type ApiKeyPolicy,
  describeIssues,
  INVOICE_CSV_HEADER,
  invoiceCsvRecord,
  type RulesConfig,
} from "@tally/api";
import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import { flattenIssues, invoiceFilters } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { jsonResponse } from "../fetch/responses.ts";
import { requesterCaller } from "./requester-caller.ts";

export type InvoiceExportOptions = {
  db: PrismaClient;
  auth: Auth;
  /** The rules' configuration: how many invoices still download directly. */
  config?: RulesConfig;
  /** Invoices read per database query; the export never holds more than one batch. */
  batchSize?: number;
  apiKeys?: ApiKeyPolicy;
};

const FILTER_NAMES = Object.keys(invoiceFilters.shape);

/**
 * `GET …?status=&customerId=&from=&to=` → the organisation's invoices as a
 * CSV download, newest first. It is `invoices.list` page by page, called as
 * the requester: the same session or bearer token, the same access (any
 * member: it shows nothing the list does not), the same tenant scoping, and
 * the query string validated by the same schema. The first page is read
 * before answering, so refusals are JSON errors with the right status
 * (401, 403, 400) rather than a broken download; each further page is read
 * only when the client has taken the previous one.
 *
 * More invoices than a direct download serves (`invoices.count`) answer 409:
 * a download link cannot create anything (a GET carries no proof that it came
 * from Tally's own pages), so large exports are asked for with the
 * `invoices.export` mutation, which prepares them as a report.
 */
export function createInvoiceExportHandler({
  db,
  auth,
  config,
  batchSize = 100,
  apiKeys,
}: InvoiceExportOptions) {
  return async function exportInvoices(request: Request): Promise<Response> {
    if (request.method !== "GET") return jsonResponse(405, { error: "Use GET" }, { allow: "GET" });
    const { searchParams } = new URL(request.url);
    const filters = Object.fromEntries(
      FILTER_NAMES.flatMap((name) => {
        const value = searchParams.get(name);
        return value === null || value === "" ? [] : [[name, value]];
      }),
    );
    let caller: Awaited<ReturnType<typeof requesterCaller>>;
    try {
      caller = await requesterCaller(request, { db, auth, config, apiKeys });
    } catch (error) {
      // A refused API key (unknown, revoked, over its limit) fails before any call.
      if (error instanceof TRPCError) return errorResponse(error);
      throw error;
    }
    const page = (cursor?: string) => caller.invoices.list({ ...filters, limit: batchSize, cursor });

    let first: Awaited<ReturnType<typeof page>>;
    try {
      const { invoices, directExport } = await caller.invoices.count(filters);
      if (!directExport)
        return jsonResponse(409, {
          error: `${invoices} invoices are more than a direct download serves: export them as a report (invoices.export), then download it from Reports`,
          invoices,
        });
      first = await page();
    } catch (error) {
      if (error instanceof TRPCError) return errorResponse(error);
      throw error;
    }

    let batch: typeof first | null = first;
    let header = INVOICE_CSV_HEADER;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>(
      {
        // One batch per read: the next page is queried only once the client has taken this one.
        async pull(controller) {
          if (!batch) return controller.close();
          controller.enqueue(encoder.encode(header + batch.items.map(invoiceCsvRecord).join("")));
          header = "";
          batch = batch.nextCursor ? await page(batch.nextCursor) : null;
        },
      },
      { highWaterMark: 0 },
    );

    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="invoices-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };
}

/** A refused call as the JSON error a download link answers with (the status tRPC would use). */
export function errorResponse(error: TRPCError): Response {
  const inputIssues = error.cause instanceof ZodError ? flattenIssues(error.cause) : null;
  const status = getHTTPStatusCodeFromError(error);
  const message = inputIssues
    ? describeIssues(inputIssues)
    : status >= 500
      ? "Internal server error"
      : error.message;
  return jsonResponse(status, inputIssues ? { error: message, inputIssues } : { error: message });
}
