import type { AppRouter } from "@tally/api";
import type { InputIssues } from "@tally/validators";
import type { TRPCClientErrorLike } from "@trpc/client";

export type ServerProblem = {
  code: string | undefined;
  message: string;
  /** Present when the server refused the input itself. */
  issues: InputIssues | null;
};

export function serverProblem(error: TRPCClientErrorLike<AppRouter>): ServerProblem {
  return { code: error.data?.code, message: error.message, issues: error.data?.inputIssues ?? null };
}
