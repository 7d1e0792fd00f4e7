import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * Shared by the server (one per request) and the browser (one per tab).
 * Data crosses from server to browser with superjson, the same transformer
 * the tRPC links use, so dates stay dates after hydration.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Long enough that hydrated data is not fetched again as soon as the page mounts.
      queries: { staleTime: 30_000 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
