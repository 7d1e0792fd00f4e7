import type { RequestSafety } from "@tally/api";
import { TRPCError } from "@trpc/server";
import {
  type CredentialVerifier,
  RejectedCredential,
  SERVICE_CREDENTIAL_HEADER,
} from "./service-credential.ts";

export type ForwardedRequest = { headers: Headers; safety?: RequestSafety };

/**
 * On the API server: how to authenticate a request. One with a service
 * credential acts as the caller the web app vouched for (through their
 * session token), with the web app's verdict on where the request came
 * from, and never as whatever cookie or header it also carries. One without
 * is an ordinary direct request.
 */
export function resolveForwardedRequest(
  headers: Headers,
  verify: CredentialVerifier | null,
): ForwardedRequest | Promise<ForwardedRequest> {
  const credential = headers.get(SERVICE_CREDENTIAL_HEADER);
  // The common case, a direct request, is answered without a promise.
  if (!credential) return { headers };
  return resolveCredential(credential, headers, verify);
}

async function resolveCredential(
  credential: string,
  headers: Headers,
  verify: CredentialVerifier | null,
): Promise<ForwardedRequest> {
  if (!verify)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This server does not accept forwarded calls" });
  let identity: Awaited<ReturnType<CredentialVerifier>>;
  try {
    identity = await verify(credential);
  } catch (error) {
    if (error instanceof RejectedCredential)
      throw new TRPCError({ code: "UNAUTHORIZED", message: error.message });
    throw error;
  }
  const forwarded = new Headers();
  if (identity.sessionToken) forwarded.set("authorization", `Bearer ${identity.sessionToken}`);
  if (identity.requestId) forwarded.set("x-request-id", identity.requestId);
  const idempotencyKey = headers.get("idempotency-key");
  if (idempotencyKey) forwarded.set("idempotency-key", idempotencyKey);
  return { headers: forwarded, safety: identity.safety };
}
