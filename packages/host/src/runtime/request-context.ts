import { type Context, createContext } from "@tally/api";
import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import type { EventHub } from "../events/event-hub.ts";
import { requestSafety } from "../safety/request-safety.ts";
import type { HostConfig } from "./host-config.ts";

/**
 * The rules' context for a request this host received itself: its headers,
 * and the host's verdict on where it came from. (A call forwarded by the web
 * app carries the web app's verdict instead: forwarding/forwarded-headers.ts.)
 */
export function createRequestContext(
  {
    db,
    auth,
    config,
    queue,
    events = null,
  }: {
    db: PrismaClient;
    auth: Auth;
    config: Pick<HostConfig, "rules">;
    queue: Queue;
    events?: EventHub | null;
  },
  headers: Headers,
): Context | Promise<Context> {
  const safety = requestSafety(headers, auth.options.trustedOrigins);
  return createContext({ db, auth, headers, safety, config: config.rules, queue, events });
}
