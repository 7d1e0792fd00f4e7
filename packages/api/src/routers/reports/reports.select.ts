import type { Prisma } from "@tally/db";

/** What a member sees of a report run: never the requester's details beyond their id. */
export const reportSelect = {
  id: true,
  kind: true,
  groupBy: true,
  from: true,
  to: true,
  invoiceStatus: true,
  customerId: true,
  status: true,
  rowsDone: true,
  rowsTotal: true,
  failureReason: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  expiresAt: true,
  requestedById: true,
} satisfies Prisma.ReportRunSelect;

export type ReportView = Prisma.ReportRunGetPayload<{ select: typeof reportSelect }>;
