import type { Prisma } from "@tally/db";

/**
 * Takes the organisation's next invoice number. The one statement creates the
 * counter on first use and otherwise increments it, and the row stays locked
 * until the calling transaction ends: concurrent issuers queue here, so no
 * number is handed out twice, and a rollback undoes the increment, so a failed
 * issue leaves no gap. Call it as late in the transaction as possible, since
 * every other issuer in the organisation waits for the lock.
 */
export async function takeInvoiceNumber(tx: Prisma.TransactionClient, organizationId: string) {
  const [counter] = await tx.$queryRaw<Array<{ lastNumber: number }>>`
    INSERT INTO "invoice_counter" ("organizationId", "lastNumber")
    VALUES (${organizationId}, 1)
    ON CONFLICT ("organizationId")
    DO UPDATE SET "lastNumber" = "invoice_counter"."lastNumber" + 1
    RETURNING "lastNumber"`;
  if (!counter) throw new Error("taking an invoice number returned no row");
  return counter.lastNumber;
}
