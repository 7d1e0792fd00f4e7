import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { isAPIError } from "better-auth/api";

const CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  422: "BAD_REQUEST",
  429: "TOO_MANY_REQUESTS",
};

/**
 * Runs a call into the auth library and turns its HTTP-style errors into
 * tRPC errors with the same meaning, so clients see one error shape.
 */
export async function callAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    throw new TRPCError({
      code: CODE_BY_STATUS[error.statusCode] ?? "INTERNAL_SERVER_ERROR",
      message: error.body?.message ?? error.message,
      cause: error,
    });
  }
}
