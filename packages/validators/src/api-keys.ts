import { z } from "zod";

/**
 * What a partner's key may reach. A procedure names the scopes that let a key
 * call it (`meta.scopes`); a key calls only procedures naming one of its own.
 */
export const apiKeyScopes = [
  "catalog:read",
  "customers:read",
  "customers:write",
  "orders:read",
  "orders:write",
  "invoices:read",
  "payments:read",
  "webhooks:manage",
] as const;
export const apiKeyScope = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScope>;

export const apiKeyId = z.string().trim().min(1).max(64);

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(100, "At most 100 characters"),
  scopes: z
    .array(apiKeyScope)
    .min(1, "Choose at least one scope")
    .transform((scopes) => [...new Set(scopes)]),
  /** Calls per minute across every instance. */
  rateLimitPerMinute: z
    .number()
    .int("A whole number")
    .min(1, "At least 1")
    .max(1_000_000, "At most 1,000,000")
    .default(600),
  /** Days until the key stops working; none means until revoked. */
  expiresInDays: z
    .number()
    .int("Whole days")
    .min(1, "At least 1 day")
    .max(730, "At most 730 days")
    .optional(),
});

export const apiKeyByIdInput = z.object({ id: apiKeyId });

export const apiKeyUsageInput = z.object({
  id: apiKeyId,
  days: z.number().int().min(1).max(90).default(30),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;
