import type { AppRouter } from "@tally/api";
import { createTRPCReact } from "@trpc/react-query";

/** Hooks for screens: `trpc.orders.list.useInfiniteQuery(…)`. Only the router's type crosses over. */
export const trpc = createTRPCReact<AppRouter>();
