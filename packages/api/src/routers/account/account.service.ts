import type { AuthedContext } from "../../trpc.ts";
import { highestRole } from "../org/roles.ts";

/** Who the caller is, which organisation they act for, and their role there. */
export async function describeMe(ctx: AuthedContext) {
  const organizationId = ctx.session.activeOrganizationId;
  const membership = organizationId
    ? await ctx.db.member.findUnique({
        where: { organizationId_userId: { organizationId, userId: ctx.user.id } },
        select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
      })
    : null;
  return {
    user: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email },
    activeOrganization: membership?.organization ?? null,
    role: membership ? highestRole(membership.role) : null,
  };
}
