import { createReportInput, listReportsInput, reportByIdInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure } from "../../trpc.ts";
import {
  cancelReport,
  createReport,
  downloadReport,
  getReport,
  listReports,
  reportPages,
} from "./reports.service.ts";

export const reportsRouter = {
  list: orgProcedure
    .input(reportPages.input(listReportsInput).prefault({}))
    .query(({ ctx, input }) => listReports(ctx, input)),
  get: orgProcedure.input(reportByIdInput).query(({ ctx, input }) => getReport(ctx, input.id)),
  create: orgProcedure.input(createReportInput).mutation(({ ctx, input }) => createReport(ctx, input)),
  download: orgProcedure.input(reportByIdInput).query(({ ctx, input }) => downloadReport(ctx, input.id)),
  cancel: orgProcedure.input(reportByIdInput).mutation(({ ctx, input }) => cancelReport(ctx, input.id)),
} satisfies TRPCRouterRecord;
