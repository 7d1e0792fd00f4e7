/**
 * The one place tRPC is configured: context, procedures and middlewares.
 * Hosts (Next route handler, standalone server) call `createContext` with the
 * request's headers; tests call it too, with a bearer token, or call
 * `createContextInner` directly.
 */
import { randomUUID } from "node:crypto";
import { type Auth, type AuthSession, confirmCaller, lookUpSession } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import type { ApiKeyScope } from "@tally/validators";
import { initTRPC, TRPCError } from "@trpc/server";
import { concurrencyGate } from "./concurrency-gate.ts";
import { defaultRulesConfig, processConfig, type RulesConfig } from "./config.ts";
import { databaseUnavailable, formatError, isDatabaseUnavailable } from "./errors.ts";
import type { EventFeed } from "./events/event-feed.ts";
import { runIdempotently } from "./idempotency.ts";
import { type Logger, logger as rootLogger } from "./logger.ts";
import type { RestRoute } from "./rest-route.ts";
import { type ApiKeyCaller, resolveApiKey } from "./routers/api-keys/api-key-caller.ts";
import { type ApiKeyLimiter, type RateVerdict, rateLimited } from "./routers/api-keys/api-key-policy.ts";
import { apiKeyFromHeaders } from "./routers/api-keys/api-key-secret.ts";
import type { UsageRecorder } from "./routers/api-keys/usage-recorder.ts";
import { hasRole, highestRole, type Role } from "./routers/org/roles.ts";
import type { DbScope } from "./transaction.ts";
import { transformer } from "./transformer.ts";

// ─── Context ────────────────────────────────────────────────────────────────

/** Who may call a procedure. Every procedure has one; the authorization matrix test enumerates them. */
export type Access = "public" | "authed" | "member" | "admin" | "owner";
/**
 * Policy a procedure declares. `access` is set by the ladder below (the
 * procedure's builder says who may call it); a router adds the rest, such as
 * `idempotent: true` (idempotency.ts), a `concurrency` class that bounds how
 * many of its calls run at once in a process (concurrency-gate.ts), the
 * `scopes` that let an API key call it (none: no key may), and `openapi` for
 * a REST route (packages/host/src/rest).
 */
export type Meta = {
  access?: Access;
  idempotent?: boolean;
  concurrency?: ConcurrencyClass;
  scopes?: readonly ApiKeyScope[];
  openapi?: RestRoute;
};
export type { Role };

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
  /** The rules' validated configuration (config.ts); the defaults when omitted. */
  config?: RulesConfig;
  safety?: RequestSafety;
  requestId?: string;
  logger?: Logger;
  queue?: Queue | null;
  /** This process's event hub: live streams listen to it, and mutations wake it. */
  events?: EventFeed | null;
  /** What calls on one connection share (a WebSocket's context lives as long as the socket). */
  connection?: ConnectionState;
  /** The partner key this call is made with, already checked (createContext); null for everyone else. */
  apiKey?: ApiKeyInContext | null;
  usage?: UsageRecorder | null;
};

/** Per connection: one per HTTP request, one per WebSocket for all the calls it carries. */
export type ConnectionState = { subscriptions: number };

/** A key's caller and where it stands against its rate limit (null when no limiter was given). */
export type ApiKeyInContext = ApiKeyCaller & { rate: RateVerdict | null };

/** How a host lets the rules limit and count API-key calls (packages/host/src/rest/api-key-runtime.ts). */
export type ApiKeyPolicy = { limiter?: ApiKeyLimiter | null; usage?: UsageRecorder | null };

export type Context = DbScope & {
  auth: Auth;
  identity: AuthSession | null;
  identityFromCache: boolean;
  headers: Headers;
  config: RulesConfig;
  safety: RequestSafety;
  requestId: string;
  log: Logger;
  /** Where background work is enqueued (in the caller's transaction); null in a host run without one. */
  queue: Queue | null;
  /** This process's event hub; null in a host run without one (subscriptions then fail, mutations still work). */
  events: EventFeed | null;
  connection: ConnectionState;
  apiKey: ApiKeyInContext | null;
  /** Counts API-key calls in batches; null when the host keeps no usage. */
  usage: UsageRecorder | null;
};

export function createContextInner({
  db,
  auth,
  identity = null,
  identityFromCache = false,
  headers = new Headers(),
  config = defaultRulesConfig,
  safety = { credential: "none", crossSite: false },
  requestId = randomUUID(),
  logger,
  queue = null,
  events = null,
  connection = { subscriptions: 0 },
  apiKey = null,
  usage = null,
}: ContextInnerOptions): Context {
  return {
    /** What every query goes through: the client, or the transaction a middleware opened (transaction.ts). */
    db,
    transactionStarter: db,
    auth,
    identity,
    identityFromCache,
    headers,
    config,
    safety,
    requestId,
    // The request id goes on each line rather than into a child logger: a child per request costs more than the call it logs.
    log: logger ?? rootLogger,
    queue,
    events,
    connection,
    apiKey,
    usage,
  };
}

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
  config = defaultRulesConfig,
  queue = null,
  events = null,
  connection,
  apiKeys = {},
}: {
  db: PrismaClient;
  auth: Auth;
  headers: Headers;
  queue?: Queue | null;
  events?: EventFeed | null;
  connection?: ConnectionState;
  apiKeys?: ApiKeyPolicy;
  /** Computed by the host from the request (or, for a forwarded call, by the web app that received it). */
  safety: RequestSafety;
  config?: RulesConfig;
}): Context | Promise<Context> {
  const incoming = headers.get("x-request-id");
  const shared = {
    db,
    auth,
    headers,
    config,
    queue,
    events,
    ...(connection ? { connection } : {}),
    safety,
    requestId: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
    usage: apiKeys.usage ?? null,
  };
  const secret = apiKeyFromHeaders(headers);
  if (secret !== null)
    return apiKeyContext(db, secret, apiKeys).then(
      (apiKey) => createContextInner({ ...shared, apiKey }),
      (error: unknown) => {
        throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
      },
    );
  if (!headers.has("cookie") && !headers.has("authorization")) return createContextInner(shared);
  return lookUpSession(auth, headers).then(
    ({ identity, cached }) => createContextInner({ ...shared, identity, identityFromCache: cached }),
    (error: unknown) => {
      throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
    },
  );
}

/**
 * A refused key (unknown, revoked, expired, over its limit) fails the whole
 * request here, before any procedure: 401 or 429 whatever was called.
 */
async function apiKeyContext(db: PrismaClient, secret: string, { limiter, usage }: ApiKeyPolicy) {
  const caller = await resolveApiKey(db, secret);
  const rate = limiter ? await limiter(caller.id, caller.rateLimitPerMinute) : null;
  if (rate && !rate.allowed) {
    usage?.record({
      apiKeyId: caller.id,
      organizationId: caller.organizationId,
      procedure: "(rate limited)",
      status: "TOO_MANY_REQUESTS",
    });
    throw rateLimited(rate);
  }
  return { ...caller, rate };
}

// ─── tRPC ───────────────────────────────────────────────────────────────────

/**
 * Server-sent event streams, in every host: a ping keeps proxies from closing
 * an idle stream and lets the client notice a dead one; past the maximum
 * duration the stream ends quietly and the client reconnects from its last
 * event id (tRPC's httpSubscriptionLink does so by itself).
 */
function streamSettings({ pingMs, maxDurationMs }: { pingMs: number; maxDurationMs: number }) {
  return {
    ping: { enabled: true, intervalMs: pingMs },
    maxDurationMs,
    client: { reconnectAfterInactivityMs: pingMs * 2 + 5_000 },
  };
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    isDev: processConfig().development,
    sse: streamSettings(processConfig().streams),
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
    actor: ctx.apiKey
      ? { type: "apiKey", id: ctx.apiKey.id }
      : ctx.identity
        ? { type: ctx.safety.credential, id: ctx.identity.user.id }
        : { type: "anonymous" },
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
  if (result.ok) ctx.log.info({ ...fields, status: "ok" }, "call");
  else if (failed)
    ctx.log.error({ ...fields, status: result.error.code, err: result.error.cause ?? result.error }, "call");
  else ctx.log.info({ ...fields, status: result.error.code }, "call");
  return result;
});

/** A key's calls are counted per procedure and outcome, in memory, written in batches (usage-recorder.ts). */
const countKeyCall = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (ctx.apiKey && ctx.usage)
    ctx.usage.record({
      apiKeyId: ctx.apiKey.id,
      organizationId: ctx.apiKey.organizationId,
      procedure: path,
      status: result.ok ? "ok" : result.error.code,
    });
  return result;
});

/** Account procedures act on a person's own account and sessions: a key has neither. */
const refuseApiKeys = t.middleware(({ ctx, next }) => {
  if (ctx.apiKey)
    throw new TRPCError({ code: "FORBIDDEN", message: "API keys can call organisation procedures only" });
  return next();
});

/**
 * A signed-in caller. A cookie rides along on any request to our origin,
 * even one a hostile page triggers; only a same-site JSON request may change
 * state with it.
 */
function signedIn(ctx: Context, type: string): AuthSession {
  if (!ctx.identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  if (type === "mutation" && ctx.safety.credential === "cookie" && ctx.safety.crossSite) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused" });
  }
  return ctx.identity;
}

/** A session from the cache is confirmed against its row before it is trusted (@tally/auth confirmCaller). */
const requireSession = refuseApiKeys.unstable_pipe(async ({ ctx, type, next }) => {
  const identity = signedIn(ctx, type);
  if (!ctx.identityFromCache) return next({ ctx: identityContext(identity) });
  const confirmed = await confirmCaller(ctx, identity, { fromCache: true, membership: false });
  if (!confirmed) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: identityContext(confirmed.identity) });
});

/**
 * Membership is read from the database on every call, so a removal takes
 * effect at once; for a cached session the same query confirms the session.
 * A key's membership is its creator's, read with the key (api-key-caller.ts).
 */
const requireMembership = t.middleware(async ({ ctx, type, meta, next }) => {
  if (ctx.apiKey) return next({ ctx: keyMember(ctx.apiKey, meta) });
  const confirmed = await confirmCaller(ctx, signedIn(ctx, type), {
    fromCache: ctx.identityFromCache,
    membership: true,
  });
  if (!confirmed) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  const organizationId = confirmed.identity.session.activeOrganizationId;
  if (!organizationId) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "No active organisation: create one or switch to one",
    });
  }
  const { membership } = confirmed;
  if (!membership)
    throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this organisation" });
  const member: OrgMember = {
    ...identityContext(confirmed.identity),
    identityFromCache: false,
    org: { id: organizationId },
    membership: { id: membership.id, role: highestRole(membership.role) },
  };
  return next({ ctx: member });
});

/** A key reaches a procedure only when the procedure names one of the key's scopes. */
function keyMember(key: ApiKeyInContext, meta: Meta | undefined): OrgMember {
  const wanted = meta?.scopes ?? [];
  if (!wanted.some((scope) => key.scopes.includes(scope))) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: wanted.length
        ? `This API key needs one of these scopes: ${wanted.join(", ")}`
        : "This procedure is not available to API keys",
    });
  }
  return {
    identity: null,
    identityFromCache: false,
    session: null,
    user: key.user,
    org: { id: key.organizationId },
    membership: key.membership,
  };
}

const requireRole = (minimum: Role) =>
  requireMembership.unstable_pipe(({ ctx, next }) => {
    if (!hasRole(ctx.membership.role, minimum)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Only an ${minimum} can do this` });
    }
    return next();
  });

/** The classes a procedure's `concurrency` may name, and the rule that bounds each. */
export type ConcurrencyClass = "placement";
const concurrencyLimit = (ctx: { config: RulesConfig }, kind: ConcurrencyClass) =>
  ({ placement: ctx.config.placementConcurrency })[kind];

/**
 * A procedure's call policy, after the role check (a caller who may not call
 * it never waits or takes a key): its concurrency gate first, so a call waits
 * for its turn holding no connection, then its idempotency transaction. A call
 * made inside a caller's own transaction already holds a connection; it is not
 * gated, since waiters holding connections could leave the gate's holders none
 * to open theirs with.
 */
const withCallPolicy = (gate: typeof requireMembership) =>
  gate.unstable_pipe(async ({ ctx, meta, path, getRawInput, next }) => {
    const call = async () =>
      meta?.idempotent
        ? runIdempotently(ctx, path, await getRawInput(), (scope) => (scope ? next({ ctx: scope }) : next()))
        : next();
    if (!meta?.concurrency || !ctx.transactionStarter) return call();
    return concurrencyGate(concurrencyLimit(ctx, meta.concurrency))(call);
  });

function identityContext(identity: AuthSession) {
  return { identity, identityFromCache: false, session: identity.session, user: identity.user };
}

/** Who acts in an organisation call: a member through their session, or a key through its creator. */
type OrgMember = {
  identity: AuthSession | null;
  identityFromCache: false;
  /** Null for an API key, which has no session. */
  session: AuthSession["session"] | null;
  user: CallerUser;
  org: { id: string };
  membership: { id: string; role: Role };
};

/** What services may know of the person acting: enough to audit and address them. */
export type CallerUser = { id: string; name: string; email: string };

// ─── Procedures ─────────────────────────────────────────────────────────────

/** A database that is down or restarting is the caller's 503 to retry, whichever query found out. */
const reportUnavailableDatabase = t.middleware(async ({ next }) => {
  const result = await next();
  if (
    !result.ok &&
    result.error.code === "INTERNAL_SERVER_ERROR" &&
    isDatabaseUnavailable(result.error.cause)
  )
    throw databaseUnavailable(result.error.cause);
  return result;
});

/**
 * A mutation's transaction has committed once it returns: wake the event hub,
 * which reads anything it recorded and tells the other instances (coalesced,
 * so a burst of mutations costs one wake-up).
 */
const wakeSubscribers = t.middleware(async ({ ctx, type, next }) => {
  const result = await next();
  if (type === "mutation" && result.ok) ctx.events?.changed();
  return result;
});

export const publicProcedure = t.procedure
  .meta({ access: "public" })
  .use(logCall)
  .use(countKeyCall)
  .use(reportUnavailableDatabase)
  .use(wakeSubscribers);
/** A signed-in user, through a session cookie or a bearer token. */
export const authedProcedure = publicProcedure.meta({ access: "authed" }).use(requireSession);
/** A member of the active organisation; `ctx.org.id` scopes every query. */
export const orgProcedure = publicProcedure.meta({ access: "member" }).use(withCallPolicy(requireMembership));
/** A member whose role is at least `minimum`. */
export const roleProcedure = (minimum: "admin" | "owner") =>
  publicProcedure.meta({ access: minimum }).use(withCallPolicy(requireRole(minimum)));

export type AuthedContext = Context & ReturnType<typeof identityContext>;
export type OrgContext = Context & OrgMember;
/** Any context that knows who acts: an account call or an organisation call. */
export type ActorContext = Context & { user: CallerUser };
