import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import { TRPCError } from "@trpc/server";
import { jsonResponse } from "../fetch/responses.ts";
import { errorResponse } from "./invoice-export.ts";
import { requesterCaller } from "./requester-caller.ts";

/**
 * `GET …/reports/<id>/download` → a finished report's CSV. It is
 * `reports.download` called as the requester (same session or token, same
 * organisation), so another organisation's report is a 404 like any of its
 * records, and a report that is not done yet a 409.
 */
export function createReportDownloadHandler({ db, auth }: { db: PrismaClient; auth: Auth }) {
  return async function downloadReport(request: Request, reportId: string): Promise<Response> {
    if (request.method !== "GET") return jsonResponse(405, { error: "Use GET" }, { allow: "GET" });
    const caller = await requesterCaller(request, { db, auth });
    try {
      const { name, csv } = await caller.reports.download({ id: reportId });
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${name}"`,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
        },
      });
    } catch (error) {
      if (error instanceof TRPCError) return errorResponse(error);
      throw error;
    }
  };
}
