import { callAuth } from "../../auth-call.ts";
import { notFound } from "../../errors.ts";
import type { AuthedContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";

/** Never the token itself: it is a credential. */
const sessionSelect = {
  id: true,
  createdAt: true,
  updatedAt: true,
  expiresAt: true,
  ipAddress: true,
  userAgent: true,
} as const;

export async function listMySessions(ctx: AuthedContext) {
  const sessions = await ctx.db.session.findMany({
    where: { userId: ctx.user.id, expiresAt: { gt: new Date() } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: sessionSelect,
  });
  return sessions.map((session) => ({ ...session, current: session.id === ctx.session.id }));
}

/** Signs that session out everywhere: its cookie and its bearer token stop working at once. */
export async function revokeMySession(ctx: AuthedContext, sessionId: string): Promise<{ revoked: true }> {
  const session = await ctx.db.session.findFirst({
    where: { id: sessionId, userId: ctx.user.id },
    select: { token: true },
  });
  if (!session) throw notFound("Session", sessionId);
  await callAuth(() => ctx.auth.api.revokeSession({ body: { token: session.token }, headers: ctx.headers }));
  await recordAudit(ctx, { action: "session.revoked", targetType: "session", targetId: sessionId });
  return { revoked: true };
}

export async function revokeMyOtherSessions(ctx: AuthedContext): Promise<{ revoked: number }> {
  const others = await ctx.db.session.count({ where: { userId: ctx.user.id, id: { not: ctx.session.id } } });
  await callAuth(() => ctx.auth.api.revokeOtherSessions({ headers: ctx.headers }));
  await recordAudit(ctx, {
    action: "session.revoked_others",
    targetType: "user",
    targetId: ctx.user.id,
    details: { count: others },
  });
  return { revoked: others };
}
