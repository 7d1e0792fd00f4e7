import { pingInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../trpc.ts";
import { checkHealth } from "./health.service.ts";

export const healthRouter = {
  /** Liveness without the database: the cheapest round trip a client can make. */
  ping: publicProcedure
    .input(pingInput)
    .query(({ input }) => ({ pong: true as const, echo: input.echo ?? null })),
  check: publicProcedure.query(({ ctx }) => checkHealth(ctx)),
} satisfies TRPCRouterRecord;
