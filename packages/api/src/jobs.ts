import type { PrismaClient } from "@tally/db";
import { type JobHandlers, jobCatalogue } from "@tally/jobs";
import type { Logger } from "./logger.ts";
import { markOverdueInvoices } from "./routers/invoices/mark-overdue.ts";
import { failReport, type ReportPacing } from "./routers/reports/report-run.ts";
import { runReport } from "./routers/reports/run-report.ts";

const REPORT_RETRIES = jobCatalogue["reports.run"].options.retryLimit ?? 0;

/** What each kind of job does, over the database; the host's worker runs them (packages/host). */
export function jobHandlers({
  db,
  log,
  reportPacing,
}: {
  db: PrismaClient;
  log: Logger;
  reportPacing?: ReportPacing;
}): JobHandlers {
  return {
    "reports.run": async (job) => {
      try {
        const outcome = await runReport(db, job.data, job.signal, reportPacing);
        log.info({ job: job.id, report: job.data.reportId, outcome }, "report run");
      } catch (error) {
        // The queue keeps the error and retries; after the last try the member is told, in words.
        if (job.retryCount >= REPORT_RETRIES)
          await failReport(
            db,
            job.data,
            "The report could not be computed. Try again, or with a shorter range.",
          );
        throw error;
      }
    },
    "invoices.mark-overdue": async (job) => {
      const marked = await markOverdueInvoices(db);
      log.info({ job: job.id, marked }, "overdue invoices marked");
    },
  };
}
