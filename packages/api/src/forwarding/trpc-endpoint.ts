import { randomUUID } from "node:crypto";
import { type Auth, lookUpSession } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { RulesConfig } from "../config.ts";
import { logger } from "../logger.ts";
import { requestSafety } from "../request-safety.ts";
import { appRouter } from "../root.ts";
import { createContext } from "../trpc.ts";
import type { ForwardingConfig } from "./forwarding-config.ts";
import { createForwardingHandler } from "./forwarding-handler.ts";
import { signServiceCredential } from "./service-credential.ts";

/**
 * The web app's whole tRPC endpoint: every router in-process, except those
 * named in the forwarding configuration, which are sent to the API server.
 */
export function createTrpcEndpoint({
  db,
  auth,
  endpoint,
  forwarding,
  rules,
}: {
  db: PrismaClient;
  auth: Auth;
  endpoint: string;
  forwarding: ForwardingConfig;
  /** The rules' own settings (idempotency TTL); the defaults when omitted. */
  rules?: RulesConfig;
}): (req: Request) => Promise<Response> {
  const local = (req: Request) =>
    fetchRequestHandler({
      endpoint,
      req,
      router: appRouter,
      createContext: () =>
        createContext({ db, auth, headers: req.headers, ...(rules ? { config: rules } : {}) }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          logger.error({ path, err: error.cause ?? error }, "unhandled error");
      },
    });
  if (!forwarding) return local;

  return createForwardingHandler({
    router: appRouter,
    endpoint,
    remoteUrl: forwarding.apiUrl,
    remoteRouters: forwarding.remoteRouters,
    timeoutMs: forwarding.timeoutMs,
    local,
    // The caller is authenticated here; the server gets who they are, sealed.
    credentialFor: async (req) => {
      const requestId = req.headers.get("x-request-id") ?? randomUUID();
      return signServiceCredential(
        {
          sessionToken: await sessionTokenOf(auth, req.headers),
          requestId,
          safety: requestSafety(req.headers, auth.options.trustedOrigins),
        },
        { secret: forwarding.secret },
      );
    },
  });
}

export const routerNames = Object.keys(appRouter._def.record);

/**
 * The caller's session token, for the server to validate. A bearer token is
 * one already, so it is passed on without a lookup here (the server looks it
 * up anyway); a cookie holds a signed token only the auth library can read.
 */
async function sessionTokenOf(auth: Auth, headers: Headers): Promise<string | null> {
  const bearer = /^Bearer (\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer && !headers.has("cookie")) return bearer;
  if (!headers.has("cookie") && !headers.has("authorization")) return null;
  // A cached session is enough here: the server confirms the token it receives.
  return (await lookUpSession(auth, headers)).identity?.session.token ?? null;
}
