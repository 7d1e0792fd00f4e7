import { auditEventFilters, withOrderedDates } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc.ts";
import { auditPages, listAuditEvents } from "./audit.service.ts";

export const auditRouter = {
  list: roleProcedure("admin")
    .input(withOrderedDates(auditPages.input(auditEventFilters)).prefault({}))
    .query(({ ctx, input }) => listAuditEvents(ctx, input)),
} satisfies TRPCRouterRecord;
