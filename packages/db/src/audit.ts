import type { Prisma, PrismaClient } from "./client.ts";

export type AuditEventInput = {
  action: string;
  targetType: string;
  targetId?: string | null;
  organizationId?: string | null;
  actorUserId?: string | null;
  requestId?: string | null;
  /** Identifiers and changed values only: never tokens, passwords or request bodies. */
  details?: Prisma.InputJsonObject;
};

type AuditWriter = Pick<PrismaClient, "auditEvent"> | Prisma.TransactionClient;

/** One row per event; the writer can be a transaction so the event commits with its change. */
export function recordAuditEvent(db: AuditWriter, event: AuditEventInput) {
  return db.auditEvent.create({ data: { ...event, details: event.details ?? {} }, select: { id: true } });
}
