import type { CreateOrganizationInput, UpdateOrganizationSettingsInput } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { callAuth } from "../../auth-call.ts";
import { notFound } from "../../errors.ts";
import { inTransaction } from "../../transaction.ts";
import type { AuthedContext, OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { type OrganizationView, organizationSelect, organizationSettingsSelect } from "./org.select.ts";

/** The creator becomes its owner and the new organisation becomes their active one. */
export async function createOrganization(
  ctx: AuthedContext,
  input: CreateOrganizationInput,
): Promise<OrganizationView> {
  const taken = await ctx.db.organization.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (taken)
    throw new TRPCError({
      code: "CONFLICT",
      message: `The address "${input.slug}" is taken; choose another`,
    });
  const created = await callAuth(() =>
    ctx.auth.api.createOrganization({ body: input, headers: ctx.headers }),
  );
  if (!created)
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "The organisation was not created" });
  await recordAudit(ctx, {
    organizationId: created.id,
    action: "organization.created",
    targetType: "organization",
    targetId: created.id,
  });
  return ctx.db.organization.findUniqueOrThrow({ where: { id: created.id }, select: organizationSelect });
}

export async function listMyOrganizations(ctx: AuthedContext) {
  const memberships = await ctx.db.member.findMany({
    where: { userId: ctx.user.id },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: organizationSelect } },
  });
  return memberships.map(({ role, organization }) => ({
    ...organization,
    role,
    active: organization.id === ctx.session.activeOrganizationId,
  }));
}

/** Switching to an organisation you do not belong to reads as if it did not exist. */
export async function setActiveOrganization(
  ctx: AuthedContext,
  organizationId: string,
): Promise<OrganizationView> {
  const membership = await ctx.db.member.findUnique({
    where: { organizationId_userId: { organizationId, userId: ctx.user.id } },
    select: { organization: { select: organizationSelect } },
  });
  if (!membership) throw notFound("Organisation", organizationId);
  await callAuth(() =>
    ctx.auth.api.setActiveOrganization({ body: { organizationId }, headers: ctx.headers }),
  );
  return membership.organization;
}

export function getOrganizationSettings(ctx: OrgContext) {
  return ctx.db.organization.findUniqueOrThrow({
    where: { id: ctx.org.id },
    select: organizationSettingsSelect,
  });
}

/**
 * Applies to drafts from their next edit; placed orders keep the rate they
 * were placed at. The row is locked while the old rate is read, so the audit
 * row (written in the same transaction) names the rate this change replaced.
 */
/** Changes only the settings sent; the audit row names each one's old and new value. */
export function updateOrganizationSettings(ctx: OrgContext, patch: UpdateOrganizationSettingsInput) {
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.$queryRaw<Array<Required<UpdateOrganizationSettingsInput>>>`
      SELECT "taxRateBasisPoints", "senderName", "replyTo", "postalAddress", "paymentInstructions"
      FROM "organization" WHERE "id" = ${ctx.org.id} FOR UPDATE`;
    if (!before) throw notFound("Organisation", ctx.org.id);
    const updated = await tx.organization.update({
      where: { id: ctx.org.id },
      data: patch,
      select: organizationSettingsSelect,
    });
    const changes: Record<string, { from: string | number; to: string | number }> = {};
    for (const field of Object.keys(patch) as Array<keyof UpdateOrganizationSettingsInput>) {
      const to = patch[field];
      if (to !== undefined && before[field] !== to) changes[field] = { from: before[field], to };
    }
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "organization.settings_changed",
        targetType: "organization",
        targetId: ctx.org.id,
        details: changes,
      },
      tx,
    );
    return updated;
  });
}
