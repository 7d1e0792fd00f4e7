/**
 * The one place tRPC is configured: context, procedures and middlewares.
 * Hosts (Next route handler, standalone server) call `createContext` with the
 * request's headers; tests call it too, with a bearer token, or call
 * `createContextInner` directly.
 */
import { randomUUID } from "node:crypto";
import { type Auth, type AuthSession, lookUpSession } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { formatError } from "./errors.ts";
import { type Logger, logger as rootLogger } from "./logger.ts";
import { transformer } from "./transformer.ts";

// ─── Context ────────────────────────────────────────────────────────────────

/** Who may call a procedure. Every procedure has one; the authorization matrix test enumerates them. */
export type Access = "public" | "authed" | "member" | "admin" | "owner";
export type Meta = { access: Access };
export type Role = "member" | "admin" | "owner";

/**
 * The host's verdict on where a request came from (packages/host/src/safety):
 * a cookie rides along on any request to our origin, so a mutation on a
 * cookie session is allowed only when the host judged it same-site.
 */
export type RequestSafety = { credential: "cookie" | "bearer" | "none"; crossSite: boolean };

export type ContextInnerOptions = {
  db: PrismaClient;
  auth: Auth;
  /** The signed-in user and their session, or null for an anonymous caller. */
  identity?: AuthSession | null;
  /** The identity came from the session cache: procedures that need a session confirm its row first. */
  identityFromCache?: boolean;
  /** The caller's credentials (cookie or bearer), forwarded when the auth library acts for them. */
  headers?: Headers;
  safety?: RequestSafety;
  requestId?: string;
  logger?: Logger;
};

export function createContextInner({
  db,
  auth,
  identity = null,
  identityFromCache = false,
  headers = new Headers(),
  safety = { credential: "none", crossSite: false },
  requestId = randomUUID(),
  logger,
}: ContextInnerOptions) {
  // The request id goes on each line rather than into a child logger: a child per request costs more than the call it logs.
  return { db, auth, identity, identityFromCache, headers, safety, requestId, log: logger ?? rootLogger };
}

export type Context = ReturnType<typeof createContextInner>;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Per request, in every host: resolves the session from the cookie or the
 * bearer token. A request with neither is anonymous, and its context is made
 * at once, without the auth library, the database or a promise. The host
 * judges the request's origin (`safety`); the rules only act on its verdict.
 */
export function createContext({
  db,
  auth,
  headers,
  safety,
}: {
  db: PrismaClient;
  auth: Auth;
  headers: Headers;
  /** Computed by the host from the request (or, for a forwarded call, by the web app that received it). */
  safety: RequestSafety;
}): Context | Promise<Context> {
  const incoming = headers.get("x-request-id");
  const shared = {
    db,
    auth,
    headers,
    safety,
    requestId: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
  };
  if (!headers.has("cookie") && !headers.has("authorization")) return createContextInner(shared);
  return lookUpSession(auth, headers).then(({ identity, cached }) =>
    createContextInner({ ...shared, identity, identityFromCache: cached }),
  );
}

// ─── tRPC ───────────────────────────────────────────────────────────────────

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    isDev: process.env.NODE_ENV === "development",
    errorFormatter: formatError,
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ─── Middlewares ────────────────────────────────────────────────────────────

/** One structured line per call: never inputs, headers, tokens or outputs. */
const logCall = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const failed = !result.ok && result.error.code === "INTERNAL_SERVER_ERROR";
  // Below the configured level the line is not built at all: this runs on every call.
  if (!ctx.log.isLevelEnabled(failed ? "error" : "info")) return result;
  const fields = {
    requestId: ctx.requestId,
    path,
    type,
    actor: ctx.identity ? { type: ctx.safety.credential, id: ctx.identity.user.id } : { type: "anonymous" },
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
  if (result.ok) ctx.log.info({ ...fields, status: "ok" }, "call");
  else if (failed)
    ctx.log.error({ ...fields, status: result.error.code, err: result.error.cause ?? result.error }, "call");
  else ctx.log.info({ ...fields, status: result.error.code }, "call");
  return result;
});

/**
 * A signed-in caller. A session from the cache is confirmed against its row
 * before it is trusted, here (`confirm`), or, on organisation procedures, by
 * requireMembership in the query it makes anyway.
 */
const sessionGate = ({ confirm }: { confirm: boolean }) =>
  t.middleware(async ({ ctx, type, next }) => {
    if (!ctx.identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
    // A cookie rides along on any request to our origin, even one a hostile
    // page triggers; only a same-site JSON request may change state with it.
    if (type === "mutation" && ctx.safety.credential === "cookie" && ctx.safety.crossSite) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused" });
    }
    if (!ctx.identityFromCache || !confirm)
      return next({ ctx: { ...ctx, ...identityContext(ctx.identity, ctx.identityFromCache) } });
    return next({ ctx: { ...ctx, ...identityContext(await confirmedIdentity(ctx, ctx.identity), false) } });
  });

const requireSession = sessionGate({ confirm: true });
/** Only ever followed by requireMembership (orgProcedure), which confirms a cached session. */
const requireSessionForMembership = sessionGate({ confirm: false });

/**
 * Membership is read from the database on every call, so a removal takes
 * effect at once. For a cached session the same query also requires the
 * session's row to stand, unexpired and on the same organisation, so a
 * sign-out or switch made through another process costs no extra query.
 */
const requireMembership = t.middleware(async ({ ctx, next }) => {
  const authed = ctx as AuthedContext;
  let identity = authed.identity;
  let membership = await findMembership(ctx.db, identity, authed.identityFromCache);
  if (!membership && authed.identityFromCache) {
    identity = await freshIdentity(ctx);
    membership = await findMembership(ctx.db, identity, false);
  }
  const organizationId = identity.session.activeOrganizationId;
  if (!organizationId) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "No active organisation: create one or switch to one",
    });
  }
  if (!membership)
    throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this organisation" });
  return next({
    ctx: {
      ...ctx,
      ...identityContext(identity, false),
      org: { id: organizationId },
      membership: { id: membership.id, role: highestRole(membership.role) },
    },
  });
});

function identityContext(identity: AuthSession, identityFromCache: boolean) {
  return { identity, identityFromCache, session: identity.session, user: identity.user };
}

function findMembership(db: PrismaClient, { session, user }: AuthSession, confirmSession: boolean) {
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

/** A cached identity whose session still stands as cached, or the auth library's current answer. */
async function confirmedIdentity(ctx: Context, identity: AuthSession): Promise<AuthSession> {
  const row = await ctx.db.session.findFirst({
    where: { token: identity.session.token, expiresAt: { gt: new Date() } },
    select: { activeOrganizationId: true },
  });
  if (row && row.activeOrganizationId === identity.session.activeOrganizationId) return identity;
  return freshIdentity(ctx);
}

async function freshIdentity(ctx: Context): Promise<AuthSession> {
  const { identity } = await lookUpSession(ctx.auth, ctx.headers, { fresh: true });
  if (!identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return identity;
}

const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** better-auth stores roles as a comma-separated list; the highest one decides. */
export function highestRole(stored: string): Role {
  const roles = stored.split(",").map((role) => role.trim());
  return (["owner", "admin", "member"] as const).find((role) => roles.includes(role)) ?? "member";
}

const requireRole = (minimum: Role) =>
  t.middleware(({ ctx, next }) => {
    const { membership } = ctx as OrgContext;
    if (ROLE_RANK[membership.role] < ROLE_RANK[minimum]) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Only an ${minimum} can do this` });
    }
    return next();
  });

// ─── Procedures ─────────────────────────────────────────────────────────────

export const publicProcedure = t.procedure.meta({ access: "public" }).use(logCall);
/** A signed-in user, through a session cookie or a bearer token. */
export const authedProcedure = publicProcedure.meta({ access: "authed" }).use(requireSession);
/** A member of the active organisation; `ctx.org.id` scopes every query. */
export const orgProcedure = publicProcedure
  .meta({ access: "member" })
  .use(requireSessionForMembership)
  .use(requireMembership);
/** A member whose role is at least `minimum`. */
export const roleProcedure = (minimum: "admin" | "owner") =>
  orgProcedure.meta({ access: minimum }).use(requireRole(minimum));

export type AuthedContext = Context & {
  identity: AuthSession;
  session: AuthSession["session"];
  user: AuthSession["user"];
};
export type OrgContext = AuthedContext & { org: { id: string }; membership: { id: string; role: Role } };
