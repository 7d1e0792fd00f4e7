import { createHash, createSecretKey, type KeyObject, randomUUID } from "node:crypto";
import type { RequestSafety } from "@tally/api";
import { memorySharedState, type SharedState } from "@tally/shared-state";
import { EncryptJWT, errors, jwtDecrypt } from "jose";

/**
 * What the web app tells the API server about the caller it authenticated:
 * their session token (null for an anonymous caller) and the request id.
 * It travels as an encrypted, audience-bound JWT (JWE, A256GCM) that lives
 * for seconds and is accepted once, so a credential seen on the wire can be
 * neither read, forged, reused nor sent to another service.
 */
export type ForwardedIdentity = {
  sessionToken: string | null;
  requestId: string | null;
  /** How the caller reached the web app, so the server applies the same cross-site rules. */
  safety: RequestSafety;
};

export const SERVICE_CREDENTIAL_HEADER = "x-tally-service-credential";
const ISSUER = "tally-web";
export const SERVER_AUDIENCE = "tally-server";

export type CredentialOptions = { secret: string; audience?: string; ttlSeconds?: number };

const keys = new Map<string, KeyObject>();

/** The AES key a secret stands for, derived and imported once per secret rather than on every call. */
function keyFrom(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(createHash("sha256").update(secret).digest());
    keys.set(secret, key);
  }
  return key;
}

export async function signServiceCredential(
  identity: ForwardedIdentity,
  options: CredentialOptions,
): Promise<string> {
  return new EncryptJWT({
    tok: identity.sessionToken,
    rid: identity.requestId,
    via: identity.safety.credential,
    xs: identity.safety.crossSite,
  })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? SERVER_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 30}s`)
    .setJti(randomUUID())
    .encrypt(keyFrom(options.secret));
}

export class RejectedCredential extends Error {}

/**
 * Verifies credentials and remembers each one's id until it expires, refusing
 * a second use: in every instance when they share their state (Redis), so a
 * credential replayed to another instance is refused too.
 */
export function createCredentialVerifier(options: {
  secret: string;
  audience?: string;
  sharedState?: Pick<SharedState, "claimOnce">;
}) {
  const key = keyFrom(options.secret);
  const used = options.sharedState ?? memorySharedState();

  return async function verify(token: string): Promise<ForwardedIdentity> {
    let payload: Awaited<ReturnType<typeof jwtDecrypt>>["payload"];
    try {
      ({ payload } = await jwtDecrypt(token, key, {
        issuer: ISSUER,
        audience: options.audience ?? SERVER_AUDIENCE,
        maxTokenAge: "5m",
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new RejectedCredential("Service credential expired");
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new RejectedCredential(`Service credential not for this service (${error.claim})`);
      throw new RejectedCredential("Service credential invalid");
    }
    if (!payload.jti || !payload.exp) throw new RejectedCredential("Service credential invalid");
    const lifetimeMs = Math.max(1, payload.exp * 1000 - Date.now());
    if (!(await used.claimOnce(`service-credential:${payload.jti}`, lifetimeMs)))
      throw new RejectedCredential("Service credential already used");
    const credential = payload.via === "cookie" || payload.via === "bearer" ? payload.via : "none";
    return {
      sessionToken: typeof payload.tok === "string" ? payload.tok : null,
      requestId: typeof payload.rid === "string" ? payload.rid : null,
      safety: { credential, crossSite: payload.xs === true },
    };
  };
}

export type CredentialVerifier = ReturnType<typeof createCredentialVerifier>;
