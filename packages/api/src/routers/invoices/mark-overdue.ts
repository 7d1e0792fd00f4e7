import type { PrismaClient } from "@tally/db";

/** Invoices marked per transaction: short transactions, however many fall due on one day. */
const BATCH = 500;

/**
 * The daily job: issued invoices whose due date has passed become overdue,
 * each with an audit row in the same transaction. Running it again changes
 * nothing (an overdue invoice is not marked twice); two workers running it at
 * once share the work (SKIP LOCKED) instead of marking anything twice.
 */
export async function markOverdueInvoices(db: PrismaClient, now = new Date()): Promise<number> {
  let marked = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; organizationId: string; number: number }[]>`
        UPDATE invoice SET "overdueAt" = ${now}, version = version + 1
        WHERE id IN (
          SELECT id FROM invoice
          WHERE status = 'issued' AND "overdueAt" IS NULL AND "dueAt" < ${now}
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id, "organizationId", number`;
      if (rows.length > 0)
        await tx.auditEvent.createMany({
          data: rows.map((invoice) => ({
            organizationId: invoice.organizationId,
            action: "invoice.overdue",
            targetType: "invoice",
            targetId: invoice.id,
            details: { number: invoice.number },
          })),
        });
      return rows.length;
    });
    marked += batch;
    if (batch < BATCH) return marked;
  }
}
