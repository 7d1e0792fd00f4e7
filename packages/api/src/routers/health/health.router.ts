import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../trpc.ts";
import { checkHealth } from "./health.service.ts";

export const healthRouter = {
  check: publicProcedure.meta({ access: "public" }).query(({ ctx }) => checkHealth(ctx)),
} satisfies TRPCRouterRecord;
