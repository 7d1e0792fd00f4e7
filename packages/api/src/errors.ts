import { Prisma } from "@tally/db";
import { flattenIssues, type InputIssues } from "@tally/validators";
import { type TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { processConfig } from "./config.ts";

export function describeIssues(issues: InputIssues): string {
  const parts = [
    ...issues.formErrors.map((message) => message.replace(/^Invalid input: /, "")),
    ...Object.entries(issues.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`),
  ];
  return parts.length ? `Invalid input: ${parts.join("; ")}` : "Invalid input";
}

/**
 * The shape every client sees: zod problems flattened per field, and nothing
 * internal (stack, SQL, driver messages) unless running in development.
 */
export function formatError({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) {
  const inputIssues = error.cause instanceof ZodError ? flattenIssues(error.cause) : null;
  const hideMessage = error.code === "INTERNAL_SERVER_ERROR" && !processConfig().development;
  return {
    ...shape,
    message: inputIssues
      ? describeIssues(inputIssues)
      : hideMessage
        ? "Internal server error"
        : shape.message,
    data: { ...shape.data, inputIssues },
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function notFound(what: string, id: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} ${id} was not found` });
}
