import type { Prisma } from "@tally/db";

export const auditEventSelect = {
  id: true,
  action: true,
  actorUserId: true,
  targetType: true,
  targetId: true,
  requestId: true,
  details: true,
  createdAt: true,
} satisfies Prisma.AuditEventSelect;

export type AuditEventView = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;
