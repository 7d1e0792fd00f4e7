import type { Prisma } from "@tally/db";

/** What an admin sees of a key: never its hash. */
export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  rateLimitPerMinute: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyView = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

/** What a call needs to act for a key: its organisation, scopes, limit, and its creator's membership now. */
export const apiKeyCallerSelect = {
  id: true,
  organizationId: true,
  scopes: true,
  rateLimitPerMinute: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: {
    select: {
      id: true,
      name: true,
      email: true,
      members: { select: { id: true, role: true, organizationId: true } },
    },
  },
} satisfies Prisma.ApiKeySelect;
