import type { PrismaClient } from "@tally/db";
import { type JobHandlers, jobCatalogue, type Queue } from "@tally/jobs";
import { defaultRulesConfig } from "./config.ts";
import type { EventFeed } from "./events/event-feed.ts";
import type { Logger } from "./logger.ts";
import { queueDueReminders } from "./routers/emails/reminders.ts";
import { type EmailDelivery, sendQueuedEmail } from "./routers/emails/send-email.ts";
import { markOverdueInvoices } from "./routers/invoices/mark-overdue.ts";
import { failReport, type ReportPacing } from "./routers/reports/report-run.ts";
import { runReport } from "./routers/reports/run-report.ts";

const REPORT_RETRIES = jobCatalogue["reports.run"].options.retryLimit ?? 0;
const EMAIL_RETRIES = jobCatalogue["emails.send"].options.retryLimit ?? 0;
/** How often a running report wakes the event hub, so progress bars move while it runs. */
const PROGRESS_WAKE_MS = 250;

/** What each kind of job does, over the database; the host's worker runs them (packages/host). */
export function jobHandlers({
  db,
  log,
  reportPacing,
  email,
  queue,
  events,
  reminderIntervalMs = defaultRulesConfig.reminderIntervalMs,
}: {
  db: PrismaClient;
  log: Logger;
  reportPacing?: ReportPacing;
  /** How emails leave (SMTP or the development outbox); without it `emails.send` jobs wait for a worker that has it. */
  email?: EmailDelivery;
  /** Where the daily run queues payment reminders; without it, none are sent. */
  queue?: Queue;
  /** This process's event hub: woken while a report records its progress. */
  events?: Pick<EventFeed, "changed">;
  reminderIntervalMs?: number;
}): JobHandlers {
  return {
    "reports.run": async (job) => {
      const waking = events ? setInterval(() => events.changed(), PROGRESS_WAKE_MS) : null;
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
      } finally {
        if (waking) clearInterval(waking);
        events?.changed();
      }
    },
    "invoices.mark-overdue": async (job) => {
      const marked = await markOverdueInvoices(db);
      const reminded = queue ? await queueDueReminders(db, queue, { intervalMs: reminderIntervalMs }) : 0;
      log.info({ job: job.id, marked, reminded }, "overdue invoices marked");
    },
    ...(email && {
      "emails.send": async (job) => {
        const result = await sendQueuedEmail(db, email, job.data, {
          lastTry: job.retryCount >= EMAIL_RETRIES,
        });
        log.info({ job: job.id, email: job.data.messageId, result }, "email");
      },
    }),
  };
}
