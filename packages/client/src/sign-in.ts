export type SignInResult =
  | { ok: true; token: string }
  | { ok: false; reason: "invalid-credentials" | "origin-not-trusted" | "unreachable" | "unexpected" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number | null };

export type SignInRequest = {
  /** The auth base URL, see `authUrlFor`. */
  authUrl: string;
  email: string;
  password: string;
  fetch?: typeof fetch;
};

/**
 * Email and password sign-in for bearer clients (the mobile app, scripts).
 * Failures come back as a reason rather than a throw: each is a message the
 * user should see, not a crash.
 */
export async function signInWithEmail({
  authUrl,
  email,
  password,
  fetch: send = fetch,
}: SignInRequest): Promise<SignInResult> {
  let response: Response;
  try {
    response = await send(`${authUrl}/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, reason: "unreachable" };
  }
  if (response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const token = tokenOf(body);
    return token ? { ok: true, token } : { ok: false, reason: "unexpected" };
  }
  if (response.status === 401) return { ok: false, reason: "invalid-credentials" };
  if (response.status === 403 && (await errorCodeOf(response))?.includes("ORIGIN")) {
    // A browser build served from an origin the host does not list in TALLY_TRUSTED_ORIGINS.
    return { ok: false, reason: "origin-not-trusted" };
  }
  if (response.status === 429) {
    // better-auth names the header X-Retry-After, not the standard Retry-After.
    const seconds = Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after"));
    return {
      ok: false,
      reason: "rate-limited",
      retryAfterSeconds: Number.isFinite(seconds) ? seconds : null,
    };
  }
  return { ok: false, reason: response.status >= 502 ? "unreachable" : "unexpected" };
}

/** Ends the session on the server. Best effort: the caller forgets the token either way. */
export async function signOutSession({
  authUrl,
  token,
  fetch: send = fetch,
}: {
  authUrl: string;
  token: string;
  fetch?: typeof fetch;
}): Promise<void> {
  try {
    await send(`${authUrl}/sign-out`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
  } catch {
    // Offline: the session will expire on its own.
  }
}

function tokenOf(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("token" in body)) return null;
  return typeof body.token === "string" && body.token.length > 0 ? body.token : null;
}

async function errorCodeOf(response: Response): Promise<string | null> {
  const body: unknown = await response.json().catch(() => null);
  if (typeof body !== "object" || body === null || !("code" in body)) return null;
  return typeof body.code === "string" ? body.code : null;
}
