import { type CursorKey, newestFirst } from "../../pagination.ts";

export const auditCursor = newestFirst("createdAt");
export type AuditKey = CursorKey<typeof auditCursor>;
