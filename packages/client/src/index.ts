import type { AppRouter } from "@tally/api";
import { createTRPCClient } from "@trpc/client";
import { type LinkOptions, tallyLinks } from "./links.ts";

export { type LinkOptions, tallyLinks } from "./links.ts";

/** A plain typed client for scripts, tests and other servers. */
export function createTallyClient(options: LinkOptions) {
  return createTRPCClient<AppRouter>({ links: tallyLinks(options) });
}

export type TallyClient = ReturnType<typeof createTallyClient>;
