import type { PrismaClient } from "@tally/db";
import type { InvoiceStatus } from "@tally/validators";
import { INVOICE_CSV_HEADER, invoiceCsvRecord } from "../invoices/invoice-csv.ts";
import { invoiceSummarySelect } from "../invoices/invoices.select.ts";
import { invoiceFilterWhere, invoicePages } from "../invoices/invoices.service.ts";
import {
  finishRun,
  lostRunOutcome,
  pause,
  type ReportPacing,
  type RunOutcome,
  type RunRef,
  recordProgress,
} from "./report-run.ts";

/** Invoices read per step, each a short query of its own: no transaction or snapshot spans the run. */
const BATCH = 1_000;

export type InvoiceExportFilters = {
  status?: InvoiceStatus;
  customerId?: string;
  from?: Date;
  to?: Date;
};

/**
 * The invoice export as a report: the same rows, order and columns as the
 * direct download (newest first, invoice-csv.ts), read by keyset a batch at a
 * time. Only the encoded file grows in memory, never the invoice rows, and
 * each batch checks that this attempt still holds the run.
 */
export async function runInvoicesReport(
  db: PrismaClient,
  run: RunRef,
  { attempt, filters }: { attempt: number; filters: InvoiceExportFilters },
  signal?: AbortSignal,
  { batchSize = BATCH, pauseMs = 0 }: ReportPacing = {},
): Promise<RunOutcome> {
  const where = invoiceFilterWhere(run.organizationId, filters);
  const total = await db.invoice.count({ where: { AND: where } });
  if (!(await recordProgress(db, run, attempt, { rowsTotal: total })))
    return lostRunOutcome(db, run.reportId);

  const chunks = [Buffer.from(INVOICE_CSV_HEADER, "utf8")];
  let cursor: { issuedAt: Date; id: string } | undefined;
  let done = 0;
  for (;;) {
    if (signal?.aborted) return "superseded";
    const page = await invoicePages.fetchPage({ limit: batchSize, cursor }, ({ after, orderBy, take }) =>
      db.invoice.findMany({ where: { AND: [...where, after] }, orderBy, take, select: invoiceSummarySelect }),
    );
    chunks.push(Buffer.from(page.items.map(invoiceCsvRecord).join(""), "utf8"));
    done += page.items.length;
    const last = page.items.at(-1);
    if (!(await recordProgress(db, run, attempt, { rowsDone: done })))
      return lostRunOutcome(db, run.reportId);
    if (!page.nextCursor || !last) break;
    cursor = { issuedAt: last.issuedAt, id: last.id };
    await pause(pauseMs);
  }

  return finishRun(db, run, attempt, {
    csv: Buffer.concat(chunks),
    rows: done,
    rowsDone: done,
    details: { kind: "invoices", invoices: done },
  });
}
