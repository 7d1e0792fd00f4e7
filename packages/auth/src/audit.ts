import { type PrismaClient, recordAuditEvent } from "@tally/db";
import { createAuthMiddleware, isAPIError } from "better-auth/api";

/**
 * Failed sign-ins go to the audit log: the account they targeted (when it
 * exists) and the client address, never the password. The response is the
 * library's generic one either way, so the log is the only place that knows
 * whether the email belonged to anyone.
 */
export function auditSignInFailures(prisma: PrismaClient) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email" || !isAPIError(ctx.context.returned)) return;
    if (ctx.context.returned.statusCode === 429) return;
    const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : null;
    const user = email ? await prisma.user.findUnique({ where: { email }, select: { id: true } }) : null;
    await recordAuditEvent(prisma, {
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: user?.id ?? null,
      requestId: ctx.headers?.get("x-request-id") ?? null,
      details: {
        ipAddress: ctx.headers?.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
        knownAccount: Boolean(user),
      },
    });
  });
}
