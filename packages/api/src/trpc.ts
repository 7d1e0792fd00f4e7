/**
 * The one place tRPC is configured: context, procedures and middlewares.
 * Hosts (Next route handler, standalone server) call `createContext`; tests
 * call `createContextInner` directly with a database and an organisation.
 */
import { randomUUID } from "node:crypto";
import { DEMO_ORGANIZATION_ID, type PrismaClient } from "@tally/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { formatError } from "./errors.ts";
import { type Logger, logger as rootLogger } from "./logger.ts";

// ─── Context ────────────────────────────────────────────────────────────────

/** Who may call a procedure; every procedure declares one (enforced once sign-in exists). */
export type Access = "public" | "member" | "admin" | "owner";
export type Meta = { access: Access };

export type ContextInnerOptions = {
  db: PrismaClient;
  /** The organisation the caller acts for; null for callers without one. */
  organizationId?: string | null;
  requestId?: string;
  logger?: Logger;
};

export function createContextInner({
  db,
  organizationId = null,
  requestId = randomUUID(),
  logger,
}: ContextInnerOptions) {
  return {
    db,
    organizationId,
    requestId,
    log: (logger ?? rootLogger).child({ requestId }),
  };
}

export type Context = ReturnType<typeof createContextInner>;

/** The header-reading half that only hosts need; works for fetch `Headers` and Node's header record. */
export type RequestHeaders = { get(name: string): string | null };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function createContext({ db, headers }: { db: PrismaClient; headers: RequestHeaders }): Context {
  const incoming = headers.get("x-request-id");
  return createContextInner({
    db,
    // Until sign-in exists every request acts for the seeded demo organisation.
    organizationId: DEMO_ORGANIZATION_ID,
    requestId: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
  });
}

// ─── tRPC ───────────────────────────────────────────────────────────────────

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    isDev: process.env.NODE_ENV === "development",
    errorFormatter: formatError,
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ─── Middlewares ────────────────────────────────────────────────────────────

/** One structured line per call: never inputs, headers or outputs. */
const logCall = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  const fields = { path, type, organizationId: ctx.organizationId, durationMs };
  if (result.ok) ctx.log.info({ ...fields, status: "ok" }, "call");
  else {
    const status = result.error.code;
    if (status === "INTERNAL_SERVER_ERROR")
      ctx.log.error({ ...fields, status, err: result.error.cause }, "call");
    else ctx.log.info({ ...fields, status }, "call");
  }
  return result;
});

const requireOrganization = t.middleware(({ ctx, next }) => {
  if (!ctx.organizationId)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Choose an organisation first" });
  return next({ ctx: { ...ctx, org: { id: ctx.organizationId } } });
});

// ─── Procedures ─────────────────────────────────────────────────────────────

export const publicProcedure = t.procedure.use(logCall);
/** Tenant-scoped: `ctx.org.id` is the organisation every query must filter by. */
export const orgProcedure = publicProcedure.use(requireOrganization);

export type OrgContext = Context & { org: { id: string } };
