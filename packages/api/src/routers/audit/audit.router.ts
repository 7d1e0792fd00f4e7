import { auditEventFilters, withOrderedDates } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc.ts";
import { auditCursor } from "./audit.cursor.ts";
import { listAuditEvents } from "./audit.service.ts";

export const auditRouter = {
  list: roleProcedure("admin")
    .input(withOrderedDates(auditEventFilters.extend({ cursor: auditCursor.input.optional() })).prefault({}))
    .query(({ ctx, input }) => listAuditEvents(ctx, input)),
} satisfies TRPCRouterRecord;
