import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomFillSync,
  randomUUID,
} from "node:crypto";
import type { RequestSafety } from "@tally/api";
import { memorySharedState, type SharedState } from "@tally/shared-state";

/**
 * What the web app tells the API server about the caller it authenticated:
 * their session token (null for an anonymous caller) and the request id.
 * It travels as an encrypted, audience-bound JWT (compact JWE, `dir` +
 * A256GCM, RFC 7516) that lives for seconds and is accepted once, so a
 * credential seen on the wire can be neither read, forged, reused nor sent to
 * another service.
 *
 * Sealed and opened with node:crypto's AES-GCM rather than jose: jose runs
 * on WebCrypto, whose asynchronous jobs cost about 250 µs of CPU on each side
 * of every forwarded call (a tenth of the call); the cipher itself is a few
 * microseconds. The format is jose's own (forwarding.test.ts opens our tokens
 * with jose and jose's with ours), and the claims are checked as jose's
 * `jwtDecrypt` checks them.
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

/** The AES-256 key a secret stands for, derived and imported once per secret (a raw key is imported on every use). */
function keyFrom(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(createHash("sha256").update(secret).digest());
    keys.set(secret, key);
  }
  return key;
}

// The only protected header sealed or accepted: exactly jose's for `dir` + A256GCM.
const PROTECTED_HEADER = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM" })).toString("base64url");
const HEADER_AAD = Buffer.from(PROTECTED_HEADER, "ascii");
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_TOKEN_AGE_SECONDS = 300;

// Random IVs are drawn from a pool filled 512 at a time, as randomUUID does: one call into the
// generator per IV cost more than the cipher. Each IV is used once (a 96-bit random IV per key).
const ivPool = Buffer.alloc(IV_BYTES * 512);
let ivOffset = ivPool.length;
function nextIv(): Buffer {
  if (ivOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return Buffer.from(ivPool.subarray(ivOffset - IV_BYTES, ivOffset));
}

export async function signServiceCredential(
  identity: ForwardedIdentity,
  options: CredentialOptions,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    tok: identity.sessionToken,
    rid: identity.requestId,
    via: identity.safety.credential,
    xs: identity.safety.crossSite,
    iss: ISSUER,
    aud: options.audience ?? SERVER_AUDIENCE,
    iat: now,
    exp: now + (options.ttlSeconds ?? 30),
    jti: randomUUID(),
  };
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-gcm", keyFrom(options.secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(HEADER_AAD);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final()]);
  // Compact serialisation; `dir` has no encrypted key, hence the empty second part.
  return [PROTECTED_HEADER, "", iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The claims a credential carries, or why it is refused; its tag proves it was sealed with this key. */
function openCredential(token: string, key: KeyObject): Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== PROTECTED_HEADER || parts[1] !== "")
    throw new RejectedCredential("Service credential invalid");
  const [iv, ciphertext, tag] = parts.slice(2).map((part) => Buffer.from(part, "base64url"));
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext)
    throw new RejectedCredential("Service credential invalid");
  let claims: unknown;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(HEADER_AAD);
    decipher.setAuthTag(tag);
    claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8"));
  } catch {
    throw new RejectedCredential("Service credential invalid");
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims))
    throw new RejectedCredential("Service credential invalid");
  return claims as Record<string, unknown>;
}

/** jwtDecrypt's checks, in its order: issuer, audience, issued-at (not in the future, at most 5 minutes old), expiry. */
function checkClaims(claims: Record<string, unknown>, audience: string): { jti: string; exp: number } {
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== ISSUER) throw new RejectedCredential("Service credential not for this service (iss)");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(audience))
    throw new RejectedCredential("Service credential not for this service (aud)");
  if (typeof claims.iat !== "number")
    throw new RejectedCredential("Service credential not for this service (iat)");
  if (claims.iat > now) throw new RejectedCredential("Service credential not for this service (iat)");
  if (now - claims.iat > MAX_TOKEN_AGE_SECONDS) throw new RejectedCredential("Service credential expired");
  if (typeof claims.exp !== "number") throw new RejectedCredential("Service credential invalid");
  if (claims.exp <= now) throw new RejectedCredential("Service credential expired");
  if (typeof claims.jti !== "string" || !claims.jti)
    throw new RejectedCredential("Service credential invalid");
  return { jti: claims.jti, exp: claims.exp };
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
    const claims = openCredential(token, key);
    const { jti, exp } = checkClaims(claims, options.audience ?? SERVER_AUDIENCE);
    const lifetimeMs = Math.max(1, exp * 1000 - Date.now());
    if (!(await used.claimOnce(`service-credential:${jti}`, lifetimeMs)))
      throw new RejectedCredential("Service credential already used");
    const credential = claims.via === "cookie" || claims.via === "bearer" ? claims.via : "none";
    return {
      sessionToken: typeof claims.tok === "string" ? claims.tok : null,
      requestId: typeof claims.rid === "string" ? claims.rid : null,
      safety: { credential, crossSite: claims.xs === true },
    };
  };
}

export type CredentialVerifier = ReturnType<typeof createCredentialVerifier>;
