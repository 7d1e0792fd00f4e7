import type { Prisma } from "@tally/db";
import { type Auth, type AuthSession, lookUpSession } from "./auth.ts";

/** The membership row, as stored: `role` is the auth library's comma-separated list. */
export type StoredMembership = { id: string; role: string };

export type ConfirmedCaller = {
  identity: AuthSession;
  /** Of the session's active organisation, when asked for; null when there is none or the caller is not a member. */
  membership: StoredMembership | null;
};

type Db = Prisma.TransactionClient;

/**
 * The caller as they stand now. A session served from this process's cache
 * (session-cache.ts) may have been ended or moved to another organisation by
 * another process, so it is checked against its row first, and looked up
 * afresh when it no longer stands as cached. With `membership`, the caller's
 * membership of the active organisation is read too; for a cached session the
 * same query also requires the session's row to stand, so confirming it
 * costs no extra query. Null when the caller is no longer signed in.
 */
export async function confirmCaller(
  { auth, db, headers }: { auth: Auth; db: Db; headers: Headers },
  identity: AuthSession,
  { fromCache, membership }: { fromCache: boolean; membership: boolean },
): Promise<ConfirmedCaller | null> {
  if (membership) {
    const found = await findMembership(db, identity, fromCache);
    if (found || !fromCache) return { identity, membership: found };
    const fresh = await freshIdentity(auth, headers);
    return fresh && { identity: fresh, membership: await findMembership(db, fresh, false) };
  }
  if (!fromCache) return { identity, membership: null };
  const row = await db.session.findFirst({
    where: { token: identity.session.token, expiresAt: { gt: new Date() } },
    select: { activeOrganizationId: true },
  });
  if (row && row.activeOrganizationId === identity.session.activeOrganizationId)
    return { identity, membership: null };
  const fresh = await freshIdentity(auth, headers);
  return fresh && { identity: fresh, membership: null };
}

function findMembership(
  db: Db,
  { session, user }: AuthSession,
  confirmSession: boolean,
): Promise<StoredMembership | null> | null {
  const organizationId = session.activeOrganizationId;
  if (!organizationId) return null;
  const sessionStands = {
    sessions: {
      some: { token: session.token, activeOrganizationId: organizationId, expiresAt: { gt: new Date() } },
    },
  };
  return db.member.findFirst({
    where: { organizationId, userId: user.id, ...(confirmSession ? { user: sessionStands } : {}) },
    select: { id: true, role: true },
  });
}

async function freshIdentity(auth: Auth, headers: Headers): Promise<AuthSession | null> {
  return (await lookUpSession(auth, headers, { fresh: true })).identity;
}
