import { getCurrentAdapter } from "@better-auth/core/context";
import type { PrismaClient } from "@tally/db";
import { memorySharedState, type SharedState } from "@tally/shared-state";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getCookies } from "better-auth/cookies";
import { bearer, organization } from "better-auth/plugins";
import { auditSignInFailures } from "./audit.ts";
import { type AuthConfig, authConfigFromEnv } from "./env.ts";
import { defaultSignInLimits, limitSignIns, type SignInLimits } from "./rate-limit.ts";
import {
  type CacheLookup,
  createSessionCache,
  type SessionCache,
  sessionCredentialKey,
} from "./session-cache.ts";

export type CreateAuthOptions = {
  prisma: PrismaClient;
  config?: AuthConfig;
  signInLimits?: SignInLimits;
  /** Rate-limit counters and session-cache notices shared with the other instances (Redis), or this process's. */
  sharedState?: SharedState;
};

const DAY_SECONDS = 24 * 60 * 60;
const DEFAULT_SESSION_CACHE_SECONDS = 15;

const sessionCaches = new WeakMap<object, SessionCache>();
const SESSION_NOTICES = "session-cache";
// Not a user id: ids are generated, never this word.
const ALL_SESSIONS = "*";

/**
 * The one auth configuration, mounted by the web app and by the standalone
 * server alike, so a session made through one host is valid on the other.
 */
export function createAuth({
  prisma,
  config = authConfigFromEnv(),
  signInLimits = defaultSignInLimits,
  sharedState = memorySharedState(),
}: CreateAuthOptions) {
  const limitAttempts = limitSignIns(signInLimits, sharedState);
  const auditFailures = auditSignInFailures(prisma);
  // Known once the library is configured below; no request arrives before that.
  let sessionCookie = "";
  const sessions = createSessionCache({
    ttlMs: (config.sessionCacheSeconds ?? DEFAULT_SESSION_CACHE_SECONDS) * 1000,
    keyOf: (headers) => sessionCredentialKey(headers, sessionCookie),
  });
  // Other instances hold their own caches: they are told which user changed
  // (never a token), and forget that user's sessions. The notice arrives in
  // about a millisecond; a revoked session is refused everywhere regardless,
  // since a cached session is confirmed against its row (confirmCaller).
  sharedState.listen(SESSION_NOTICES, (notice) =>
    notice === ALL_SESSIONS ? sessions.forgetAll() : sessions.forgetUser(notice),
  );
  const tellOthers = (notice: string) => sharedState.announce(SESSION_NOTICES, notice);
  // An update hook gets the row, or only a count when the library updated many rows at once.
  const forgetSession = async (session: unknown) => {
    if (!hasString(session, "token")) return forgetEverything();
    sessions.forgetSession(session.token);
    await tellOthers(hasString(session, "userId") ? session.userId : ALL_SESSIONS);
  };
  const forgetUser = async (user: unknown) => {
    if (!hasString(user, "id")) return forgetEverything();
    sessions.forgetUser(user.id);
    await tellOthers(user.id);
  };
  const forgetEverything = async () => {
    sessions.forgetAll();
    await tellOthers(ALL_SESSIONS);
  };

  const auth = betterAuth({
    appName: "Tally",
    baseURL: config.baseURL,
    basePath: "/api/auth",
    secret: config.secret,
    trustedOrigins: config.trustedOrigins,
    // Transactions keep a failing sign-up from leaving an orphan user behind.
    database: prismaAdapter(prisma, { provider: "postgresql", transaction: true }),
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 7 * DAY_SECONDS, updateAge: DAY_SECONDS },
    databaseHooks: {
      session: {
        create: {
          // A new session starts in the organisation the user joined first, so
          // signing in lands somewhere useful instead of on "choose an organisation".
          // Read through the library's current adapter: during sign-up the
          // session is created inside its transaction, which a query on the
          // outer client would wait for (with a pool of one connection, forever).
          before: async (session, ctx) => {
            if (!ctx) return;
            const adapter = await getCurrentAdapter(ctx.context.adapter);
            const [first] = await adapter.findMany<{ organizationId: string }>({
              model: "member",
              where: [{ field: "userId", value: session.userId }],
              sortBy: { field: "createdAt", direction: "asc" },
              limit: 1,
            });
            return { data: { ...session, activeOrganizationId: first?.organizationId ?? null } };
          },
        },
        // Sign-out, revocation and switching organisation reach the session cache at once.
        update: { after: forgetSession },
        delete: { after: forgetSession },
      },
      user: {
        update: { after: forgetUser },
        delete: { after: forgetUser },
      },
    },
    advanced: {
      useSecureCookies: config.production,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: config.production },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      // The library skips its origin check under test runners; Tally's tests
      // should see exactly the protection production has.
      disableOriginCheck: false,
    },
    // Sign-in and sign-up are limited by limitSignIns (per address and per
    // account, with Retry-After); the built-in limiter covers the rest.
    rateLimit: {
      enabled: config.production,
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": false, "/sign-up/email": false },
    },
    plugins: [
      organization({
        invitationExpiresIn: 7 * DAY_SECONDS,
        cancelPendingInvitationsOnReInvite: true,
      }),
      // Mobile apps and scripts send `Authorization: Bearer <session token>`.
      bearer(),
    ],
    hooks: {
      before: limitAttempts,
      after: auditFailures,
    },
    telemetry: { enabled: false },
  });
  sessionCookie = getCookies(auth.options).sessionToken.name;
  sessionCaches.set(auth, sessions);
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

export type SessionLookup = CacheLookup<AuthSession>;

/**
 * The signed-in user and session the request's cookie or bearer token
 * presents, if any. Every host resolves sessions through here, so they share
 * the session cache (session-cache.ts); `fresh` skips it and asks the auth
 * library, as when a cached session turned out to have changed.
 */
export async function lookUpSession(
  auth: Auth,
  headers: Headers,
  options: { fresh?: boolean } = {},
): Promise<SessionLookup> {
  const load = () => auth.api.getSession({ headers });
  const cache = sessionCaches.get(auth);
  return cache ? cache.lookUp(headers, load, options) : { identity: await load(), cached: false };
}

function hasString<K extends string>(value: unknown, key: K): value is Record<K, string> {
  return (
    typeof value === "object" && value !== null && typeof (value as Record<K, unknown>)[key] === "string"
  );
}
