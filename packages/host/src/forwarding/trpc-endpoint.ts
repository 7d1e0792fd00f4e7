import { randomUUID } from "node:crypto";
import type { ApiKeyPolicy, RulesConfig } from "@tally/api";
import { appRouter, createContext, type EventFeed, logger } from "@tally/api";
import { type Auth, lookUpSession } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { boundRequestBody, closingConnection, exceedsBatchLimit } from "../limits/bounded-request.ts";
import type { TrpcLimits } from "../limits/limits-config.ts";
import { rateLimitResponseMeta } from "../limits/rate-limit-headers.ts";
import { requestSafety } from "../safety/request-safety.ts";
import type { ForwardingConfig } from "./forwarding-config.ts";
import { createForwardingHandler } from "./forwarding-handler.ts";
import { signServiceCredential } from "./service-credential.ts";

/**
 * The web app's whole tRPC endpoint: every router in-process, except those
 * named in the forwarding configuration, which are sent to the API server.
 * The limits are apps/server's (limits/): a batch or a body it would refuse is
 * refused here with the same answer, before anything is forwarded.
 */
export function createTrpcEndpoint({
  db,
  auth,
  endpoint,
  forwarding,
  limits,
  rules,
  queue = null,
  events = null,
  apiKeys = {},
}: {
  db: PrismaClient;
  auth: Auth;
  endpoint: string;
  forwarding: ForwardingConfig;
  limits: TrpcLimits;
  /** The rules' own settings (idempotency TTL); the defaults when omitted. */
  rules?: RulesConfig;
  /** Where procedures enqueue background work; null only in tests of HTTP alone. */
  queue?: Queue | null;
  /** This process's event hub, for live streams served here and the wake-up after a mutation. */
  events?: EventFeed | null;
  /** Partner keys' limits and usage (Runtime.apiKeys); none in tests of HTTP alone. */
  apiKeys?: ApiKeyPolicy;
}): (req: Request) => Promise<Response> {
  const local = (req: Request) =>
    fetchRequestHandler({
      endpoint,
      req,
      router: appRouter,
      maxBatchSize: limits.maxBatchSize,
      createContext: () =>
        createContext({
          db,
          auth,
          headers: req.headers,
          ...(rules ? { config: rules } : {}),
          queue,
          events,
          apiKeys,
          safety: requestSafety(req.headers, auth.options.trustedOrigins),
        }),
      // A key's limit in the answer, Retry-After on a 429, as REST and apps/server's /trpc say it.
      responseMeta: rateLimitResponseMeta,
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          logger.error({ path, err: error.cause ?? error }, "unhandled error");
      },
    });
  const routed = forwarding ? forwardingHandler(forwarding) : local;

  return async function handleTrpc(incoming: Request) {
    const { request, oversized } = await boundRequestBody(incoming, limits);
    if (oversized) return closingConnection(await local(request));
    if (exceedsBatchLimit(request, endpoint, limits)) return local(request);
    return routed(request);
  };

  function forwardingHandler(config: NonNullable<ForwardingConfig>) {
    return createForwardingHandler({
      router: appRouter,
      endpoint,
      remoteUrl: config.apiUrl,
      remoteRouters: config.remoteRouters,
      timeoutMs: config.timeoutMs,
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
          { secret: config.secret },
        );
      },
    });
  }
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
