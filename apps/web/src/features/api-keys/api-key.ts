import type { RouterOutputs } from "@tally/api";
import type { ApiKeyScope } from "@tally/validators";

export type ApiKey = RouterOutputs["apiKeys"]["list"][number];
export type ApiKeyUsage = RouterOutputs["apiKeys"]["usage"];

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  "catalog:read": "Read products",
  "customers:read": "Read customers",
  "customers:write": "Create and edit customers",
  "orders:read": "Read orders",
  "orders:write": "Create, edit and place orders",
  "invoices:read": "Read and download invoices",
  "payments:read": "Read payments",
  "webhooks:manage": "Register and manage webhook endpoints, read their deliveries",
};

/** What the list says of a key: revoked and expired keys stay listed, refused everywhere. */
export function keyState(key: ApiKey, now = new Date()): "active" | "revoked" | "expired" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}
