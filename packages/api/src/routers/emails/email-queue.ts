import type { EmailMessageModel, Prisma } from "@tally/db";
import { enqueue, type Queue } from "@tally/jobs";

export type QueuedEmail = {
  organizationId: string;
  kind: EmailMessageModel["kind"];
  recipient: string;
  subject: string;
  invoiceId?: string;
  invitationId?: string;
};

/**
 * Records an email and enqueues its sending, in the transaction that causes
 * it: the email exists, and is sent, if and only if that transaction commits.
 * The message itself is built when it is sent, from the rows as they are then.
 */
export async function queueEmail(queue: Queue, tx: Prisma.TransactionClient, email: QueuedEmail) {
  const { id } = await tx.emailMessage.create({ data: email, select: { id: true } });
  await enqueue(
    queue,
    tx,
    "emails.send",
    { organizationId: email.organizationId, messageId: id },
    { organizationId: email.organizationId },
  );
  return id;
}
