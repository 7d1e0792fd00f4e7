import { type InputIssues, listAuditEventsInput } from "@tally/validators";
import { issuesFromSchema } from "@/lib/form-issues";

const AUDIT_PAGE_SIZE = 25;

/** The filter form as typed: an action (or "" for any) and dates as `YYYY-MM-DD` (or ""). */
export type AuditFilterValues = { action: string; from: string; to: string };
export const noAuditFilters: AuditFilterValues = { action: "", from: "", to: "" };

export type AuditListInput = { limit: number; action?: string; from?: Date; to?: Date };

/**
 * The first page's input for these filters; the dates cover whole days in the
 * reader's time zone. Checked with the API's own schema (a range must not end
 * before it starts).
 */
export function readAuditFilters(
  values: AuditFilterValues,
): { ok: true; input: AuditListInput } | { ok: false; issues: InputIssues } {
  const input: AuditListInput = { limit: AUDIT_PAGE_SIZE };
  if (values.action) input.action = values.action;
  if (values.from) input.from = new Date(`${values.from}T00:00:00`);
  if (values.to) input.to = new Date(`${values.to}T23:59:59.999`);
  const parsed = listAuditEventsInput.safeParse(input);
  return parsed.success ? { ok: true, input } : { ok: false, issues: issuesFromSchema(parsed.error) };
}

export const firstAuditPage: AuditListInput = { limit: AUDIT_PAGE_SIZE };
