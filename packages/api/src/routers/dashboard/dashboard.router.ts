import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import { dashboardCashOutput, dashboardOverviewOutput } from "./dashboard.schemas.ts";
import { getDashboardCash, getDashboardOverview } from "./dashboard.service.ts";

export const dashboardRouter = {
  overview: orgProcedure.output(dashboardOverviewOutput).query(({ ctx }) => getDashboardOverview(ctx)),
  cash: roleProcedure("admin")
    .output(dashboardCashOutput)
    .query(({ ctx }) => getDashboardCash(ctx)),
} satisfies TRPCRouterRecord;
