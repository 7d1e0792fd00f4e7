import { bearerHeaders, type TRPCWebSocketClient, tallyLinks } from "@tally/client";
import type { Session } from "../auth/session.ts";

export type MobileLinkOptions = {
  trpcUrl: string;
  session: Pick<Session, "token" | "expire">;
  fetch?: typeof fetch;
  /** Where live streams go (liveSocket); without it they would try server-sent events. */
  socket?: TRPCWebSocketClient;
};

/**
 * The shared links, with this device's bearer token on every request and a
 * clean sign-out as soon as any procedure says the session is gone. React
 * Native's fetch sends no Origin, so none is needed.
 */
export function mobileLinks({ trpcUrl, session, fetch, socket }: MobileLinkOptions) {
  return tallyLinks({
    url: trpcUrl,
    headers: () => bearerHeaders(session.token()),
    onUnauthorized: () => void session.expire(),
    ...(fetch ? { fetch } : {}),
    ...(socket ? { live: { ws: socket } } : {}),
  });
}
