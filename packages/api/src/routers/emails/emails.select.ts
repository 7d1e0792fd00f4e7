import type { Prisma } from "@tally/db";

/** An email as the outbox lists it: who, what and whether it left; never its body. */
export const emailSummarySelect = {
  id: true,
  kind: true,
  recipient: true,
  subject: true,
  status: true,
  attempts: true,
  failureReason: true,
  invoiceId: true,
  invitationId: true,
  createdAt: true,
  sentAt: true,
} satisfies Prisma.EmailMessageSelect;

export type EmailSummaryView = Prisma.EmailMessageGetPayload<{ select: typeof emailSummarySelect }>;
