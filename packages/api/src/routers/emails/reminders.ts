import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import { invoiceTitle } from "@tally/validators";
import { senderNameOf } from "../org/sender-name.ts";
import { queueEmail } from "./email-queue.ts";

/** Invoices reminded per transaction. */
const BATCH = 200;

/**
 * Part of the daily run, after invoices are marked overdue: one reminder per
 * overdue invoice whose customer has an email address, unless it was
 * reminded within `intervalMs`. The stamp and the queued email commit
 * together, and rows are claimed with SKIP LOCKED, so a second run the same
 * day, or two workers at once, remind nobody twice.
 */
export async function queueDueReminders(
  db: PrismaClient,
  queue: Queue,
  { intervalMs, now = new Date() }: { intervalMs: number; now?: Date },
): Promise<number> {
  const remindedBefore = new Date(now.getTime() - intervalMs);
  let queued = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<
        Array<{
          id: string;
          organizationId: string;
          number: number;
          email: string;
          name: string;
          senderName: string;
        }>
      >`
        UPDATE invoice i SET "lastReminderAt" = ${now}
        FROM (
            SELECT inv.id, c.email FROM invoice inv
            JOIN "order" o ON o.id = inv."orderId"
            JOIN customer c ON c.id = o."customerId"
            WHERE inv.status = 'issued' AND inv."overdueAt" IS NOT NULL
              AND (inv."lastReminderAt" IS NULL OR inv."lastReminderAt" < ${remindedBefore})
              AND c.email IS NOT NULL AND c.email <> ''
            ORDER BY inv.id LIMIT ${BATCH} FOR UPDATE OF inv SKIP LOCKED) due,
          organization g
        WHERE i.id = due.id AND g.id = i."organizationId"
        RETURNING i.id, i."organizationId", i.number, due.email,
                  g.name, g."senderName"`;
      for (const invoice of due) {
        await queueEmail(queue, tx, {
          organizationId: invoice.organizationId,
          kind: "reminder",
          recipient: invoice.email,
          subject: `Reminder: ${invoiceTitle(invoice.number)} from ${senderNameOf(invoice)} is overdue`,
          invoiceId: invoice.id,
        });
      }
      return due.length;
    });
    queued += batch;
    if (batch < BATCH) return queued;
  }
}
