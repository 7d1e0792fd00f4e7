import { invoicesAtRiskInput, reorderSoonInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure } from "../../trpc.ts";
import { invoicesAtRisk, reorderSoon } from "./insights.service.ts";

/** Answers from the insights service; when it cannot answer, `{ state: "unavailable", reason }`, never an error. */
export const insightsRouter = {
  reorderSoon: orgProcedure
    .input(reorderSoonInput.prefault({}))
    .query(({ ctx, input }) => reorderSoon(ctx, input)),
  invoicesAtRisk: orgProcedure
    .input(invoicesAtRiskInput.prefault({}))
    .query(({ ctx, input }) => invoicesAtRisk(ctx, input)),
} satisfies TRPCRouterRecord;
