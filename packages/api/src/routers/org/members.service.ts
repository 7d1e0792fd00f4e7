import type { UpdateMemberRoleInput } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { callAuth } from "../../auth-call.ts";
import { notFound } from "../../errors.ts";
import { recordEvent } from "../../events/events.record.ts";
import type { OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { type MemberView, memberSelect } from "./org.select.ts";
import { highestRole } from "./roles.ts";

export function listMembers(ctx: OrgContext): Promise<MemberView[]> {
  return ctx.db.member.findMany({
    where: { organizationId: ctx.org.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: memberSelect,
  });
}

/**
 * Admins move people between member and admin; only owners make or unmake
 * owners (the auth library enforces that), and the last owner stays an owner.
 */
export async function updateMemberRole(
  ctx: OrgContext,
  { memberId, role }: UpdateMemberRoleInput,
): Promise<MemberView> {
  const member = await findMember(ctx, memberId);
  const previousRole = highestRole(member.role);
  if (previousRole === role) return member;
  if (previousRole === "owner") await keepAnOwner(ctx);
  await callAuth(() =>
    ctx.auth.api.updateMemberRole({
      body: { memberId, role, organizationId: ctx.org.id },
      headers: ctx.headers,
    }),
  );
  await recordAudit(ctx, {
    organizationId: ctx.org.id,
    action: "member.role_changed",
    targetType: "member",
    targetId: member.user.id,
    details: { memberId, from: previousRole, to: role },
  });
  return findMember(ctx, memberId);
}

export async function removeMember(ctx: OrgContext, memberId: string): Promise<{ removed: true }> {
  const member = await findMember(ctx, memberId);
  const role = highestRole(member.role);
  if (role === "owner") await keepAnOwner(ctx);
  if (role === "owner" && ctx.membership.role !== "owner") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only an owner can remove an owner" });
  }
  await callAuth(() =>
    ctx.auth.api.removeMember({
      body: { memberIdOrEmail: memberId, organizationId: ctx.org.id },
      headers: ctx.headers,
    }),
  );
  await recordAudit(ctx, {
    organizationId: ctx.org.id,
    action: "member.removed",
    targetType: "member",
    targetId: member.user.id,
    details: { memberId, role },
  });
  // After the auth library's own write, like the audit row: it is what ends the member's open streams.
  await recordEvent(ctx.db, {
    organizationId: ctx.org.id,
    kind: "member.removed",
    recordId: memberId,
    data: { userId: member.user.id },
  });
  return { removed: true };
}

async function findMember(ctx: OrgContext, memberId: string): Promise<MemberView> {
  const member = await ctx.db.member.findFirst({
    where: { id: memberId, organizationId: ctx.org.id },
    select: memberSelect,
  });
  if (!member) throw notFound("Member", memberId);
  return member;
}

async function keepAnOwner(ctx: OrgContext) {
  const owners = await ctx.db.member.count({
    where: { organizationId: ctx.org.id, role: { contains: "owner" } },
  });
  if (owners <= 1) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "An organisation needs at least one owner; make someone else owner first",
    });
  }
}
