import { TRPCClientError } from "@trpc/client";

/** The server no longer recognises the session: it expired, was revoked, or never existed. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === "UNAUTHORIZED";
}

/**
 * No tRPC answer came back at all: the network is down, the host is not
 * running, or something in between answered instead of it. Every answer from
 * a Tally host carries `data` with an error code.
 */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data == null;
}

/** An error the caller made (bad input, missing record, no permission): retrying will not help. */
export function isClientError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = error.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}
