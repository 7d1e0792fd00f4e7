import { STATUS_CODES } from "node:http";

/** One wrong field, named by its path in the request (path parameters, query string or body alike). */
export type FieldProblem = { field: string; message: string };

type ErrorBody = {
  message?: unknown;
  code?: unknown;
  issues?: Array<{ path?: unknown[]; message?: unknown }>;
  data?: { inputIssues?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } | null };
};

/**
 * RFC 9457 problem details from the error body trpc-to-openapi writes: the
 * tRPC code stays as `code`, and input problems become `errors`, one per
 * wrong field, so a partner can point at what to fix.
 */
export function problemFrom(status: number, body: ErrorBody) {
  const errors: FieldProblem[] = (body.issues ?? []).map((issue) => ({
    field: (issue.path ?? []).map(String).join(".") || "(body)",
    message: String(issue.message ?? "Invalid"),
  }));
  const fieldErrors = body.data?.inputIssues?.fieldErrors ?? {};
  const detail =
    errors.length > 0
      ? `Invalid input: ${errors.map((error) => `${error.field}: ${error.message}`).join("; ")}`
      : typeof body.message === "string"
        ? body.message
        : (STATUS_CODES[status] ?? "Error");
  return {
    type: "about:blank",
    title: STATUS_CODES[status] ?? "Error",
    status,
    detail,
    code: typeof body.code === "string" ? body.code : "INTERNAL_SERVER_ERROR",
    ...(errors.length
      ? { errors }
      : Object.keys(fieldErrors).length
        ? {
            errors: Object.entries(fieldErrors).flatMap(([field, messages]) =>
              messages.map((message) => ({ field, message })),
            ),
          }
        : {}),
  };
}

/** The problem document and its headers (the caller's, such as RateLimit, kept), ready to send on either host. */
export function problemParts(
  status: number,
  body: ErrorBody,
  headers: Headers | Record<string, string> = {},
): { headers: Headers; body: string } {
  const merged = new Headers(headers);
  merged.set("content-type", "application/problem+json");
  merged.set("cache-control", "no-store");
  return { headers: merged, body: JSON.stringify(problemFrom(status, body)) };
}

export function problemResponse(
  status: number,
  body: ErrorBody,
  headers: Headers | Record<string, string> = {},
): Response {
  const problem = problemParts(status, body, headers);
  return new Response(problem.body, { status, headers: problem.headers });
}
