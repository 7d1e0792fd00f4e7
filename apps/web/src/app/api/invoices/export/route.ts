import { createInvoiceExportHandler } from "@tally/host";
import { servedBy } from "@/server/runtime";

/** The invoice list as a streamed CSV download (packages/host/src/exports/invoice-export.ts). */
export const GET = servedBy(({ db, auth, config }) =>
  createInvoiceExportHandler({ db, auth, config: config.rules }),
);
