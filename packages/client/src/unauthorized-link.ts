import type { TRPCLink } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import { observable } from "@trpc/server/observable";

/**
 * Tells the app when the server no longer knows its session, whichever
 * procedure found out first, so it can sign out in one place instead of every
 * screen checking for UNAUTHORIZED. The error still reaches the caller.
 */
export function unauthorizedLink<TRouter extends AnyTRPCRouter>(
  onUnauthorized: () => void,
): TRPCLink<TRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (result) => observer.next(result),
          error: (error) => {
            if (error.data?.code === "UNAUTHORIZED") onUnauthorized();
            observer.error(error);
          },
          complete: () => observer.complete(),
        }),
      );
}
