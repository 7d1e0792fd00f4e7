import type { Queue as QueueOptions } from "pg-boss";

/**
 * Every kind of background work Tally does, with its retry policy. A job's
 * data carries ids only: the worker reads the rows, scoped by the
 * organisation the job names, so nothing stale or secret sits in the queue.
 */
export type JobPayloads = {
  "reports.run": { organizationId: string; reportId: string };
  "invoices.mark-overdue": Record<string, never>;
  "emails.send": { organizationId: string; messageId: string };
  "webhooks.deliver": { organizationId: string; deliveryId: string };
};
export type JobName = keyof JobPayloads;

export type JobDefinition = {
  options: Omit<QueueOptions, "name" | "deadLetter">;
  /** Jobs still failing after their last retry are copied to `<name>.dead`, error included. */
  deadLetter: boolean;
  /** At most this many jobs of one organisation run at once, across every worker. */
  perOrganisation?: number;
  /** A cron expression (UTC) for jobs the queue itself creates. */
  schedule?: string;
};

export const jobCatalogue: Record<JobName, JobDefinition> = {
  "reports.run": {
    // A report over 200,000 orders takes tens of seconds; a dead worker stops
    // beating and another takes the job over within ~heartbeat seconds.
    options: {
      retryLimit: 3,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 60,
      heartbeatSeconds: 10,
      expireInSeconds: 3600,
    },
    deadLetter: true,
    perOrganisation: 1,
  },
  "invoices.mark-overdue": {
    options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
    deadLetter: true,
    schedule: "10 0 * * *",
  },
  "emails.send": {
    // A mail server that is down for a while: 2 s, 4 s, 8 s … up to 10 minutes apart, six tries.
    options: { retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120 },
    deadLetter: true,
  },
  "webhooks.deliver": {
    // A receiver that is down: about 10 s, 20 s, 40 s … up to an hour apart, nine tries over ~3 hours.
    options: { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 60 },
    deadLetter: false,
    // One slow partner must not take every worker slot.
    perOrganisation: 4,
  },
};

export const deadLetterOf = (name: string) => `${name}.dead`;
