import { LRUCache } from "lru-cache";

/** What the cache needs to know about a resolved session. */
export type CacheableSession = {
  session: { token: string; expiresAt: Date };
  user: { id: string };
};

export type SessionCacheOptions = {
  /** How long a resolved session is reused without asking the database; 0 turns the cache off. */
  ttlMs: number;
  /** The credentials a request presents, as a key; null when it should not be cached. */
  keyOf: (headers: Headers) => string | null;
  /** Upper bound on the number of sessions held (each holds a session and a user row). */
  maxEntries?: number;
};

export type CacheLookup<TSession> = {
  identity: TSession | null;
  /** Served from the cache: the session's row may have changed since, so the caller confirms it. */
  cached: boolean;
};

export type SessionCache = {
  /**
   * The session these headers present: from the cache when the same
   * credentials were resolved within the TTL (unless `fresh`), otherwise from
   * `load`. One cache is only ever given one `load` (the auth library's), so
   * what it holds is what `load` returns.
   */
  lookUp<TSession extends CacheableSession>(
    headers: Headers,
    load: () => Promise<TSession | null>,
    options?: { fresh?: boolean },
  ): Promise<CacheLookup<TSession>>;
  /** Drops every entry of the session with this token (it changed or ended). */
  forgetSession(token: string): void;
  /** Drops every entry of this user's sessions (their profile changed or they were deleted). */
  forgetUser(userId: string): void;
  /** Drops everything (a bulk change that does not say which sessions it touched). */
  forgetAll(): void;
};

const DEFAULT_MAX_ENTRIES = 10_000;
// Longer credentials are looked up every time rather than held as a key.
const MAX_KEY_LENGTH = 4096;

/**
 * Resolving a session through the auth library costs two queries and a
 * signature check, more than most procedures. Callers repeat the same
 * credentials many times a minute, so a resolved session is reused for a few
 * seconds. Changes made through the auth library in this process (sign-out,
 * revocation, switching organisation, profile edits) evict at once through its
 * database hooks. Another process's changes are not announced here, so a
 * cached session is marked as such and its user confirms the row still stands
 * (confirmCaller, session-confirmation.ts, inside the membership query the API
 * makes anyway).
 * Only successful lookups are kept: unknown tokens always reach the database.
 */
export function createSessionCache({
  ttlMs,
  keyOf,
  maxEntries = DEFAULT_MAX_ENTRIES,
}: SessionCacheOptions): SessionCache {
  const entries = ttlMs > 0 ? new LRUCache<string, CacheableSession>({ ttl: ttlMs, max: maxEntries }) : null;
  // Bumped by every eviction: a lookup that was already under way when the
  // session changed must not store what it read before the change.
  let generation = 0;

  const forgetWhere = (matches: (session: CacheableSession) => boolean) => {
    generation++;
    if (!entries) return;
    for (const [key, session] of entries.entries()) if (matches(session)) entries.delete(key);
  };

  return {
    async lookUp<TSession extends CacheableSession>(
      headers: Headers,
      load: () => Promise<TSession | null>,
      { fresh = false }: { fresh?: boolean } = {},
    ) {
      const key = entries && keyOf(headers);
      if (!entries || !key || key.length > MAX_KEY_LENGTH) return { identity: await load(), cached: false };
      if (fresh) entries.delete(key);
      const cached = entries.get(key) as TSession | undefined;
      if (cached) return { identity: cached, cached: true };
      const startedAt = generation;
      const loaded = await load();
      const lifetime = loaded ? Math.min(ttlMs, loaded.session.expiresAt.getTime() - Date.now()) : 0;
      if (loaded && lifetime > 0 && startedAt === generation) {
        // Shared by every request that presents these credentials until it expires.
        Object.freeze(loaded.session);
        Object.freeze(loaded.user);
        entries.set(key, loaded, { ttl: lifetime });
      }
      return { identity: loaded, cached: false };
    },
    forgetSession: (token) => forgetWhere((cached) => cached.session.token === token),
    forgetUser: (userId) => forgetWhere((cached) => cached.user.id === userId),
    forgetAll: () => forgetWhere(() => true),
  };
}

/**
 * A key for exactly what the auth library reads a session from: the
 * `Authorization` header and the session cookie (`cookieName`), not the rest
 * of the cookie header, so junk cookies cannot multiply one session's
 * entries. A header that carries the session cookie more than once is not
 * cached: which copy the library reads is its own business.
 */
export function sessionCredentialKey(headers: Headers, cookieName: string): string | null {
  const authorization = headers.get("authorization") ?? "";
  let sessionCookie = "";
  let copies = 0;
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const pair = part.trim();
    if (!pair.startsWith(`${cookieName}=`)) continue;
    sessionCookie = pair.slice(cookieName.length + 1);
    copies++;
  }
  if (copies > 1 || (!authorization && !sessionCookie)) return null;
  return `${authorization}\n${sessionCookie}`;
}
