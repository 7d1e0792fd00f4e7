import { z } from "zod";

const id = z.string().trim().min(1).max(64);

export const memberRole = z.enum(["member", "admin", "owner"]);
export type MemberRole = z.infer<typeof memberRole>;

export const createOrganizationInput = z.object({
  name: z.string().trim().min(2, "At least 2 characters").max(100, "At most 100 characters"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/,
      "3–48 letters, digits or '-', not starting or ending with '-'",
    ),
});

export const organizationIdInput = z.object({ organizationId: id });

export const updateMemberRoleInput = z.object({ memberId: id, role: memberRole });
export const memberIdInput = z.object({ memberId: id });

/** Owners are made by promoting a member, never invited directly. */
export const inviteMemberInput = z.object({
  email: z.email("Enter an email address").trim().toLowerCase().max(254),
  role: z.enum(["member", "admin"]).default("member"),
});

export const invitationIdInput = z.object({ invitationId: id });

export const sessionIdInput = z.object({ sessionId: id });

export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;
export type UpdateOrganizationSettingsInput = z.infer<typeof updateOrganizationSettingsInput>;
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleInput>;

export const updateOrganizationSettingsInput = z
  .object({
    /** Sales tax in basis points: 2000 is 20%. */
    taxRateBasisPoints: z.number().int("Whole basis points").min(0).max(10_000, "At most 100%").optional(),
    /** Printed at the head of invoices and shown as the sender of their emails; the organisation's name when empty. */
    senderName: z.string().trim().max(100, "At most 100 characters").optional(),
    /** Where customers' replies to Tally's emails go; none when empty. */
    replyTo: z.union([z.literal(""), z.email("Not an email address").max(254)]).optional(),
    postalAddress: z.string().trim().max(500, "At most 500 characters").optional(),
    /** Printed under the totals: how to pay (bank details, a reference to quote). */
    paymentInstructions: z.string().trim().max(1_000, "At most 1,000 characters").optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to update");
