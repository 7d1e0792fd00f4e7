import { flattenIssues, type InputIssues } from "@tally/validators";

type ZodError = Parameters<typeof flattenIssues>[0];

export type FieldErrors = Partial<Record<string, string>>;

/** The first message per field, from a schema checked on the phone. */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  return firstOfEach(flattenIssues(error));
}

/**
 * The first message per field from the server's answer: its error formatter
 * sends the same flattened shape in `data.inputIssues`.
 */
export function fieldErrorsFromServer(
  error: { data?: { inputIssues?: InputIssues | null } | null } | null,
): FieldErrors {
  const issues = error?.data?.inputIssues;
  return issues ? firstOfEach(issues) : {};
}

function firstOfEach({ fieldErrors }: InputIssues): FieldErrors {
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages[0]]));
}
