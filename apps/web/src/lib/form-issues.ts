import { flattenIssues, type InputIssues } from "@tally/validators";
import type { ZodError } from "zod";
import type { ServerProblem } from "./issues";

export const noIssues: InputIssues = { formErrors: [], fieldErrors: {} };

/** A schema's refusal in the browser, in the same shape the server sends. */
export function issuesFromSchema(error: ZodError): InputIssues {
  return flattenIssues(error);
}

/** The server's refusal: its input issues when it names fields, else its message for the whole form. */
export function issuesFromServer(problem: ServerProblem): InputIssues {
  const issues = problem.issues;
  if (issues && (issues.formErrors.length > 0 || Object.keys(issues.fieldErrors).length > 0)) return issues;
  return { formErrors: [problem.message], fieldErrors: {} };
}
