import { createInvoicePdfHandler } from "@tally/host";
import { getRuntime } from "@/server/runtime";

/** An invoice as a PDF, for members of its organisation (packages/host/src/exports/invoice-pdf.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return createInvoicePdfHandler(await getRuntime())(request, (await params).id);
}
