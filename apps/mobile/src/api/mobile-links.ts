import { bearerHeaders, tallyLinks } from "@tally/client";
import type { Session } from "../auth/session.ts";

export type MobileLinkOptions = {
  trpcUrl: string;
  session: Pick<Session, "token" | "expire">;
  fetch?: typeof fetch;
};

/**
 * The shared links, with this device's bearer token on every request and a
 * clean sign-out as soon as any procedure says the session is gone. React
 * Native's fetch sends no Origin, so none is needed.
 */
export function mobileLinks({ trpcUrl, session, fetch }: MobileLinkOptions) {
  return tallyLinks({
    url: trpcUrl,
    headers: () => bearerHeaders(session.token()),
    onUnauthorized: () => void session.expire(),
    ...(fetch ? { fetch } : {}),
  });
}
