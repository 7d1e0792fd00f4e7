import type { PrismaClient } from "@tally/db";
import { invoiceStatus, reportGroupBy } from "@tally/validators";
import { runInvoicesReport } from "./invoices-report.ts";
import { claimRun, type ReportPacing, type RunOutcome, type RunRef } from "./report-run.ts";
import { runSalesReport } from "./sales-report.ts";

/** The `reports.run` job: claims the run for this attempt, then computes it by its kind. */
export async function runReport(
  db: PrismaClient,
  run: RunRef,
  signal?: AbortSignal,
  pacing?: ReportPacing,
): Promise<RunOutcome> {
  const claimed = await claimRun(db, run);
  if (!claimed) return "missing";
  const { attempt } = claimed;
  if (claimed.kind === "invoices") {
    const filters = {
      ...(claimed.invoiceStatus ? { status: invoiceStatus.parse(claimed.invoiceStatus) } : {}),
      ...(claimed.customerId ? { customerId: claimed.customerId } : {}),
      ...(claimed.from ? { from: claimed.from } : {}),
      ...(claimed.to ? { to: claimed.to } : {}),
    };
    return runInvoicesReport(db, run, { attempt, filters }, signal, pacing);
  }
  if (claimed.kind === "sales" && claimed.from && claimed.to)
    return runSalesReport(
      db,
      run,
      { attempt, groupBy: reportGroupBy.parse(claimed.groupBy), from: claimed.from, to: claimed.to },
      signal,
      pacing,
    );
  throw new Error(`report ${run.reportId} has a kind this worker cannot compute: ${claimed.kind}`);
}
