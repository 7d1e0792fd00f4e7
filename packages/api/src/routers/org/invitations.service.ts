import type { InviteMemberInput } from "@tally/validators";
import { callAuth } from "../../auth-call.ts";
import { notFound } from "../../errors.ts";
import { queueOf } from "../../queue.ts";
import { inTransaction } from "../../transaction.ts";
import type { AuthedContext, OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { queueEmail } from "../emails/email-queue.ts";
import { type InvitationView, invitationSelect } from "./org.select.ts";

/**
 * The invitee gets an email with the invitation's link (the inviter can also
 * share it); its random id is what proves the invitee was meant to have it.
 * Accepting also requires being signed in with the invited address.
 */
export async function inviteMember(ctx: OrgContext, input: InviteMemberInput): Promise<InvitationView> {
  const invitation = await callAuth(() =>
    ctx.auth.api.createInvitation({ body: { ...input, organizationId: ctx.org.id }, headers: ctx.headers }),
  );
  // The auth library wrote the invitation in its own transaction; its audit row and its email commit together.
  return inTransaction(ctx, async (tx) => {
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "invitation.created",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: input.email, role: input.role },
      },
      tx,
    );
    const { name } = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.org.id },
      select: { name: true },
    });
    await queueEmail(queueOf(ctx), tx, {
      organizationId: ctx.org.id,
      kind: "invitation",
      recipient: input.email,
      subject: `${ctx.user.name} invited you to ${name} on Tally`,
      invitationId: invitation.id,
    });
    return tx.invitation.findUniqueOrThrow({ where: { id: invitation.id }, select: invitationSelect });
  });
}

export function listInvitations(ctx: OrgContext): Promise<InvitationView[]> {
  return ctx.db.invitation.findMany({
    where: { organizationId: ctx.org.id, status: "pending", expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: invitationSelect,
  });
}

export async function revokeInvitation(ctx: OrgContext, invitationId: string): Promise<{ revoked: true }> {
  const invitation = await ctx.db.invitation.findFirst({
    where: { id: invitationId, organizationId: ctx.org.id, status: "pending" },
    select: { email: true },
  });
  if (!invitation) throw notFound("Invitation", invitationId);
  await callAuth(() => ctx.auth.api.cancelInvitation({ body: { invitationId }, headers: ctx.headers }));
  await recordAudit(ctx, {
    organizationId: ctx.org.id,
    action: "invitation.revoked",
    targetType: "invitation",
    targetId: invitationId,
    details: { email: invitation.email },
  });
  return { revoked: true };
}

/** What the invitee sees before accepting; anyone else is told it does not exist. */
export async function getInvitation(ctx: AuthedContext, invitationId: string) {
  const invitation = await findOpenInvitationFor(ctx, invitationId);
  const { organization, user: inviter, ...details } = invitation;
  return { ...details, organization, inviter };
}

/** Joins the organisation and makes it the active one. */
export async function acceptInvitation(ctx: AuthedContext, invitationId: string) {
  const invitation = await findOpenInvitationFor(ctx, invitationId);
  await callAuth(() => ctx.auth.api.acceptInvitation({ body: { invitationId }, headers: ctx.headers }));
  await callAuth(() =>
    ctx.auth.api.setActiveOrganization({
      body: { organizationId: invitation.organization.id },
      headers: ctx.headers,
    }),
  );
  await recordAudit(ctx, {
    organizationId: invitation.organization.id,
    action: "invitation.accepted",
    targetType: "invitation",
    targetId: invitationId,
    details: { role: invitation.role },
  });
  return { organization: invitation.organization, role: invitation.role };
}

/**
 * One answer for "no such invitation", "expired", "already used" and "not
 * yours", so an invitation id reveals nothing to someone it was not meant for.
 */
async function findOpenInvitationFor(ctx: AuthedContext, invitationId: string) {
  const invitation = await ctx.db.invitation.findFirst({
    where: {
      id: invitationId,
      status: "pending",
      expiresAt: { gt: new Date() },
      email: { equals: ctx.user.email, mode: "insensitive" },
    },
    select: {
      ...invitationSelect,
      organization: { select: { id: true, name: true } },
      user: { select: { name: true } },
    },
  });
  if (!invitation) throw notFound("Invitation", invitationId);
  return { ...invitation, role: invitation.role ?? "member" };
}
