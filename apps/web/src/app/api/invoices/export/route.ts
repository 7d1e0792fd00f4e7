import { createInvoiceExportHandler } from "@tally/api";
import { getAuth } from "@/server/auth";
import { getDatabase } from "@/server/database";

/** The invoice list as a streamed CSV download (packages/api/src/http/invoice-export.ts). */
export async function GET(req: Request) {
  const [{ prisma }, auth] = await Promise.all([getDatabase(), getAuth()]);
  return createInvoiceExportHandler({ db: prisma, auth })(req);
}
