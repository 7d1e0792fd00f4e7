import { createInvoiceExportHandler } from "@tally/host";
import { getAuth } from "@/server/auth";
import { getDatabase } from "@/server/database";

/** The invoice list as a streamed CSV download (packages/host/src/exports/invoice-export.ts). */
export async function GET(req: Request) {
  const [{ prisma }, auth] = await Promise.all([getDatabase(), getAuth()]);
  return createInvoiceExportHandler({ db: prisma, auth })(req);
}
