import type { Prisma } from "@tally/db";

export const organizationSelect = {
  id: true,
  name: true,
  slug: true,
  createdAt: true,
} satisfies Prisma.OrganizationSelect;

/** What owners set and invoices print. */
export const organizationSettingsSelect = {
  ...organizationSelect,
  taxRateBasisPoints: true,
  senderName: true,
  replyTo: true,
  postalAddress: true,
  paymentInstructions: true,
} satisfies Prisma.OrganizationSelect;

export const memberSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.MemberSelect;

export const invitationSelect = {
  id: true,
  email: true,
  role: true,
  status: true,
  expiresAt: true,
  createdAt: true,
} satisfies Prisma.InvitationSelect;

export type OrganizationView = Prisma.OrganizationGetPayload<{ select: typeof organizationSelect }>;
export type MemberView = Prisma.MemberGetPayload<{ select: typeof memberSelect }>;
export type InvitationView = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;
