import type { Context } from "../../trpc.ts";

/** Liveness plus a database round trip, so a broken connection shows here first. */
export async function checkHealth(ctx: Context) {
  const started = performance.now();
  await ctx.db.$queryRaw`SELECT 1`;
  return { status: "ok" as const, databaseMs: Math.round(performance.now() - started), time: new Date() };
}
