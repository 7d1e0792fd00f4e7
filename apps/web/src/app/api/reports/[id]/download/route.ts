import { createReportDownloadHandler } from "@tally/host";
import { getRuntime } from "@/server/runtime";

/** A finished report's CSV, for members of its organisation (packages/host/src/exports/report-download.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return createReportDownloadHandler(await getRuntime())(request, (await params).id);
}
