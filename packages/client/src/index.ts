import type { AppRouter } from "@tally/api";
import { createTRPCClient } from "@trpc/client";
import { type LinkOptions, tallyLinks } from "./links.ts";

export { createWSClient, type TRPCWebSocketClient } from "@trpc/client";
export { authUrlFor, bearerHeaders } from "./auth-endpoints.ts";
export { isClientError, isUnauthorized, isUnreachable } from "./errors.ts";
export { type LinkOptions, type LiveSse, tallyLinks } from "./links.ts";
export { type SignInRequest, type SignInResult, signInWithEmail, signOutSession } from "./sign-in.ts";
export { unauthorizedLink } from "./unauthorized-link.ts";

/** A plain typed client for scripts, tests and other servers. */
export function createTallyClient(options: LinkOptions) {
  return createTRPCClient<AppRouter>({ links: tallyLinks(options) });
}

export type TallyClient = ReturnType<typeof createTallyClient>;
