import { type ApiKeyPolicy, createCaller, createContext, type RulesConfig } from "@tally/api";
import type { Auth } from "@tally/auth";
import type { PrismaClient } from "@tally/db";
import { requestSafety } from "../safety/request-safety.ts";

export type RequesterCallerOptions = {
  db: PrismaClient;
  auth: Auth;
  config?: RulesConfig | undefined;
  /** A partner key's limit and usage, when the route serves partners (/api/v1). */
  apiKeys?: ApiKeyPolicy | undefined;
};

/**
 * The procedures as the request's sender: the same session or bearer token,
 * the same cross-site judgement as /trpc. Download routes call through it, so
 * they are only ever a procedure's answer in another format.
 */
export async function requesterCaller(
  request: Request,
  { db, auth, config, apiKeys }: RequesterCallerOptions,
) {
  return createCaller(
    await createContext({
      db,
      auth,
      headers: request.headers,
      safety: requestSafety(request.headers, auth.options.trustedOrigins),
      ...(config ? { config } : {}),
      ...(apiKeys ? { apiKeys } : {}),
    }),
  );
}
