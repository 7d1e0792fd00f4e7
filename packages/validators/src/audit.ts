import { z } from "zod";
import { cursorPageInput } from "./pagination.ts";

export const auditEventFilters = cursorPageInput.extend({
  action: z.string().trim().max(64).optional(),
  actorUserId: z.string().trim().max(64).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

/** Refuses a range that ends before it starts, naming `from`. */
export function withOrderedDates<
  Schema extends z.ZodType<{ from?: Date | undefined; to?: Date | undefined }>,
>(schema: Schema) {
  return schema.refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: "Must not be after `to`",
    path: ["from"],
  });
}

export const listAuditEventsInput = withOrderedDates(auditEventFilters);

export type ListAuditEventsInput = z.infer<typeof listAuditEventsInput>;
