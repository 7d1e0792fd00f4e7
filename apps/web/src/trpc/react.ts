import type { AppRouter } from "@tally/api";
import { createTRPCReact } from "@trpc/react-query";

/** Hooks for client components: `trpc.catalog.products.list.useInfiniteQuery(…)`. */
export const trpc = createTRPCReact<AppRouter>();
