import { type AuditEventInput, type Prisma, recordAuditEvent } from "@tally/db";
import type { CursorPage, ListAuditEventsInput } from "@tally/validators";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import type { Db } from "../../transaction.ts";
import type { ActorContext, OrgContext } from "../../trpc.ts";
import { type AuditEventView, auditEventSelect } from "./audit.select.ts";

type AuditedAction = Omit<AuditEventInput, "actorUserId" | "requestId">;

/**
 * Records what the caller just did, stamped with who they are and the request
 * it came in. Pass the change's transaction as `db`, so the row commits (or
 * rolls back) with the change it describes.
 */
export function recordAudit(ctx: ActorContext, event: AuditedAction, db: Db = ctx.db) {
  return recordAuditEvent(db, { ...event, actorUserId: ctx.user.id, requestId: ctx.requestId });
}

export const auditPages = newestFirst("createdAt");
export type ListAuditEventsQuery = PageQuery<typeof auditPages, ListAuditEventsInput>;

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
  return auditPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.auditEvent.findMany({
      where: { AND: [...filters, after] },
      orderBy,
      take,
      select: auditEventSelect,
    }),
  );
}
