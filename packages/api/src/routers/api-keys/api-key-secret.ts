import { createHash, randomBytes } from "node:crypto";

/** Every key starts with this, so a host tells a key from a session token without a lookup. */
export const API_KEY_MARK = "tally_";
const PREFIX_LENGTH = API_KEY_MARK.length + 8;
const BEARER_KEY = /^Bearer (tally_[A-Za-z0-9_-]{32})$/;

/** 192 random bits: guessing is hopeless, so a plain SHA-256 is enough at rest (no slow hash on every call). */
export function newApiKeySecret() {
  const secret = `${API_KEY_MARK}${randomBytes(24).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, PREFIX_LENGTH), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * The key in `Authorization: Bearer tally_…`, or null when the header carries
 * something else (a session token). A malformed key still counts as a key, so
 * it is refused rather than mistaken for a session.
 */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (!authorization?.startsWith(`Bearer ${API_KEY_MARK}`)) return null;
  return BEARER_KEY.exec(authorization)?.[1] ?? authorization.slice("Bearer ".length);
}
