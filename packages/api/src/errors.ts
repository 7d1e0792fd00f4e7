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

/** Prisma's codes for "no database to talk to": unreachable, timed out, connection closed, pool exhausted. */
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** The driver adapter's kinds for the same, when they arrive unwrapped. */
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/** SQLSTATEs of a server shutting down or restarting (class 57P) and of broken connections (class 08). */
const UNAVAILABLE_STATE = /^(57P0[123]|08\d{3})$/;

/**
 * Whether an error means the database cannot be reached right now (down,
 * restarting, or every connection busy) rather than that a query is wrong.
 * Looks through `cause` chains, since the auth library and the queue wrap it.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, kind, meta, cause } = error as {
    code?: unknown;
    kind?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
    cause?: unknown;
  };
  if (error instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_CODES.has(error.code)) return true;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const adapterCause = meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === "string" && UNAVAILABLE_KINDS.has(adapterCause.kind)) return true;
  if (typeof adapterCause?.code === "string" && UNAVAILABLE_STATE.test(adapterCause.code)) return true;
  if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
  if (
    typeof code === "string" &&
    (UNAVAILABLE_STATE.test(code) || code === "ECONNREFUSED" || code === "ECONNRESET")
  )
    return true;
  if (error instanceof Error && /^Connection terminated/.test(error.message)) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** What a caller sees while the database is away: a 503 to retry, not a 500 to report. */
export function databaseUnavailable(cause: unknown): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "The database is unavailable right now; try again in a few seconds",
    cause,
  });
}
