import type { ApiKeyScope } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import type { Db } from "../../transaction.ts";
import { highestRole, type Role } from "../org/roles.ts";
import { hashApiKey } from "./api-key-secret.ts";
import { apiKeyCallerSelect } from "./api-keys.select.ts";

/** A call made with an API key: the key acts as the admin who created it, narrowed to its scopes. */
export type ApiKeyCaller = {
  id: string;
  organizationId: string;
  scopes: readonly ApiKeyScope[];
  rateLimitPerMinute: number;
  user: { id: string; name: string; email: string };
  membership: { id: string; role: Role };
};

const refused = (message: string) => new TRPCError({ code: "UNAUTHORIZED", message });

/**
 * Read on every request, like a session's membership: no cache, so a revoked
 * or expired key is refused on the next call by every instance, with nothing
 * to announce. The one query is by the hash's unique index.
 */
export async function resolveApiKey(db: Db, secret: string, now = new Date()): Promise<ApiKeyCaller> {
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(secret) }, select: apiKeyCallerSelect });
  if (!key) throw refused("Unknown API key");
  if (key.revokedAt) throw refused("This API key was revoked");
  if (key.expiresAt && key.expiresAt <= now) throw refused("This API key has expired");
  const member = key.createdBy.members.find((candidate) => candidate.organizationId === key.organizationId);
  // A key is only as good as its creator's place in the organisation: it stops when they leave.
  if (!member) throw refused("This API key's creator is no longer a member");
  return {
    id: key.id,
    organizationId: key.organizationId,
    scopes: key.scopes as ApiKeyScope[],
    rateLimitPerMinute: key.rateLimitPerMinute,
    user: { id: key.createdBy.id, name: key.createdBy.name, email: key.createdBy.email },
    membership: { id: member.id, role: highestRole(member.role) },
  };
}
