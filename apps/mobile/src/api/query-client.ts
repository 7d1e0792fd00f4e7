import { isClientError } from "@tally/client";
import { QueryClient } from "@tanstack/react-query";

const MAX_RETRIES = 2;

/** A refused or invalid request fails the same way again; a dropped connection may not. */
export function shouldRetry(failures: number, error: unknown): boolean {
  return !isClientError(error) && failures < MAX_RETRIES;
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      // A mutation might have taken effect before the connection dropped: the user decides.
      mutations: { retry: false },
    },
  });
}
