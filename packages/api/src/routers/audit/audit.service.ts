import { type AuditEventInput, type Prisma, recordAuditEvent } from "@tally/db";
import type { CursorPage, ListAuditEventsInput } from "@tally/validators";
import { toPage } from "../../pagination.ts";
import type { Db } from "../../transaction.ts";
import type { AuthedContext, OrgContext } from "../../trpc.ts";
import { type AuditKey, auditCursor } from "./audit.cursor.ts";
import { type AuditEventView, auditEventSelect } from "./audit.select.ts";

type AuditedAction = Omit<AuditEventInput, "actorUserId" | "requestId">;

/**
 * Records what the caller just did, stamped with who they are and the request
 * it came in. Pass the change's transaction as `db`, so the row commits (or
 * rolls back) with the change it describes.
 */
export function recordAudit(ctx: AuthedContext, event: AuditedAction, db: Db = ctx.db) {
  return recordAuditEvent(db, { ...event, actorUserId: ctx.user.id, requestId: ctx.requestId });
}

export type ListAuditEventsQuery = Omit<ListAuditEventsInput, "cursor"> & { cursor?: AuditKey | undefined };

/**
 * Newest first. An organisation's log holds its own events plus failed
 * sign-ins against its members' accounts, which belong to no organisation.
 */
export async function listAuditEvents(
  ctx: OrgContext,
  input: ListAuditEventsQuery,
): Promise<CursorPage<AuditEventView>> {
  const memberIds = (
    await ctx.db.member.findMany({ where: { organizationId: ctx.org.id }, select: { userId: true } })
  ).map((member) => member.userId);
  const filters: Prisma.AuditEventWhereInput[] = [
    {
      OR: [
        { organizationId: ctx.org.id },
        { organizationId: null, action: "auth.sign_in_failed", targetId: { in: memberIds } },
      ],
    },
  ];
  if (input.action) filters.push({ action: input.action });
  if (input.actorUserId) filters.push({ actorUserId: input.actorUserId });
  if (input.targetId) filters.push({ targetId: input.targetId });
  if (input.from || input.to) filters.push({ createdAt: { gte: input.from, lte: input.to } });
  if (input.cursor) filters.push(auditCursor.after(input.cursor));

  const rows = await ctx.db.auditEvent.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: auditEventSelect,
  });
  return toPage(rows, input.limit, auditCursor.encode);
}
