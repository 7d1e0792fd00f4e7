import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import { TRPCError } from "@trpc/server";
import { jsonResponse } from "../fetch/responses.ts";
import { errorResponse } from "./invoice-export.ts";
import { requesterCaller } from "./requester-caller.ts";

/**
 * `GET …/invoices/<id>/pdf` → the invoice as a PDF download. It is
 * `invoices.pdf` called as the requester, so another organisation's invoice
 * is a 404 like any of its records.
 */
export function createInvoicePdfHandler({ db, auth }: { db: PrismaClient; auth: Auth }) {
  return async function downloadInvoicePdf(request: Request, invoiceId: string): Promise<Response> {
    if (request.method !== "GET") return jsonResponse(405, { error: "Use GET" }, { allow: "GET" });
    const caller = await requesterCaller(request, { db, auth });
    try {
      const { fileName, base64 } = await caller.invoices.pdf({ id: invoiceId });
      return new Response(Buffer.from(base64, "base64"), {
        headers: {
          "content-type": "application/pdf",
          "content-disposition": `attachment; filename="${fileName}"`,
          "cache-control": "private, no-store",
          "x-content-type-options": "nosniff",
        },
      });
    } catch (error) {
      if (error instanceof TRPCError) return errorResponse(error);
      throw error;
    }
  };
}
