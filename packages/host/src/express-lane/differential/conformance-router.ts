/**
 * A router that exercises every tRPC behaviour the express lane reproduces:
 * each error code, input validation, a context that can refuse, middlewares
 * that read headers, superjson types, slow and large results, stream-like
 * results, a subscription (left to the official adapter) and a procedure that
 * sets its own status. It does not depend on the app's auth, so the corpus
 * keeps working whatever the app's procedures require.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { formatError } from "@tally/api";
import type { PrismaClient } from "@tally/db";
import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { z } from "zod";

export const ERROR_CODES = Object.keys(TRPC_ERROR_CODES_BY_KEY) as TRPC_ERROR_CODE_KEY[];

export type ConformanceContext = {
  db: PrismaClient;
  tenant: string | null;
  res: ServerResponse;
  /** What each procedure saw of its AbortSignal, for the disconnect test. */
  signals: AbortSignal[];
};

/** Async, header-reading and able to refuse, like a context that resolves a session. */
export function conformanceContext(db: PrismaClient, signals: AbortSignal[]) {
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<ConformanceContext> => {
    await Promise.resolve();
    if (req.headers["x-refuse-context"])
      throw new TRPCError({ code: "UNAUTHORIZED", message: "The context refused this caller" });
    if (req.headers["x-break-context"]) throw new Error("context exploded");
    const tenant = req.headers["x-tenant"];
    return { db, tenant: typeof tenant === "string" ? tenant : null, res, signals };
  };
}

// Stack traces (development only) name the frames of whichever path ran, so they are off here, as in production.
const t = initTRPC
  .context<ConformanceContext>()
  .create({ transformer: superjson, errorFormatter: formatError, isDev: false });

const requireTenant = t.middleware(({ ctx, next }) => {
  if (!ctx.tenant) throw new TRPCError({ code: "FORBIDDEN", message: "Send an x-tenant header" });
  return next({ ctx: { tenant: ctx.tenant } });
});

const errorInput = z.object({
  code: z.enum(ERROR_CODES as [TRPC_ERROR_CODE_KEY]),
  message: z.string().optional(),
});
const itemInput = z.object({
  name: z.string().trim().min(1).max(200),
  quantity: z.number().int().positive(),
  due: z.date().optional(),
  tags: z.set(z.string()).optional(),
});

export const conformanceRouter = t.router({
  echo: t.procedure.input(z.unknown()).query(({ input }) => ({ input })),
  noInput: t.procedure.query(() => "no input needed"),
  types: t.procedure.query(() => ({
    date: new Date("2026-01-02T03:04:05.678Z"),
    map: new Map<string, unknown>([
      ["a", 1],
      ["ünï", new Set([1, 2])],
    ]),
    big: 12345678901234567890n,
    notANumber: Number.NaN,
    negativeZero: -0,
    missing: undefined,
    regexp: /tally/giu,
    text: "Zürich · 東京 · مرحبا · 🚀 · \u0000 · \u2028",
  })),
  fail: t.procedure.input(errorInput).query(({ input }) => {
    throw new TRPCError({ code: input.code, message: input.message });
  }),
  throwsError: t.procedure.query(() => {
    throw new Error("secret internal detail");
  }),
  throwsValue: t.procedure.query(() => {
    throw { reason: "a plain object was thrown" };
  }),
  badOutput: t.procedure.output(z.string()).query(() => 42 as unknown as string),
  slow: t.procedure.input(z.object({ ms: z.number().int().min(0).max(2000) })).query(async ({ input }) => {
    await sleep(input.ms);
    return { waited: input.ms };
  }),
  large: t.procedure.input(z.object({ kilobytes: z.number().int().min(1).max(4096) })).query(({ input }) => ({
    rows: Array.from({ length: input.kilobytes }, (_, i) => `${i}:${"é".repeat(511)}`),
  })),
  streamLike: t.procedure.query(() => ({ later: Promise.resolve(1) })),
  iterable: t.procedure.query(async function* () {
    yield 1;
  }),
  tenant: t.procedure.use(requireTenant).query(({ ctx }) => ({ tenant: ctx.tenant })),
  teapot: t.procedure.query(({ ctx }) => {
    ctx.res.statusCode = 418;
    ctx.res.setHeader("x-brewed", "yes");
    return "short and stout";
  }),
  waitForAbort: t.procedure.query(async ({ ctx, signal }) => {
    if (signal) ctx.signals.push(signal);
    await sleep(1000, undefined, { signal }).catch(() => undefined);
    return { aborted: signal?.aborted ?? null };
  }),
  organisations: t.procedure.query(({ ctx }) => ctx.db.organization.count()),
  ticks: t.procedure.subscription(async function* () {
    yield "tick";
  }),
  items: t.router({
    create: t.procedure.input(itemInput).mutation(({ input }) => ({ created: input })),
    touch: t.procedure.mutation(() => ({ touched: true })),
    fail: t.procedure.input(errorInput).mutation(({ input }) => {
      throw new TRPCError({ code: input.code, message: input.message });
    }),
  }),
});
