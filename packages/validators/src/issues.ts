import type { ZodError } from "zod";

/** Problems with an input, keyed by dotted field path (`patch.sku`). */
export type InputIssues = { formErrors: string[]; fieldErrors: Record<string, string[]> };

/**
 * One shape for input problems wherever they are found: the API sends it in
 * `error.data.inputIssues`, and a form validating the same schema in the
 * browser files its own messages under the same keys.
 */
export function flattenIssues(error: ZodError): InputIssues {
  const issues: InputIssues = { formErrors: [], fieldErrors: {} };
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      issues.formErrors.push(issue.message);
      continue;
    }
    const field = issue.path.map(String).join(".");
    issues.fieldErrors[field] = [...(issues.fieldErrors[field] ?? []), issue.message];
  }
  return issues;
}
