import { authConfigFromEnv } from "@tally/auth";
import { DEMO_PASSWORD, demoUsers } from "@tally/db/seed";

/** An owner of the demo organisation, so every scenario, mutations included, is allowed. */
const BENCH_USER = demoUsers.find((user) => user.role === "owner") ?? demoUsers[0];

/**
 * Signs in through the server's auth endpoint, as the mobile app does, and
 * returns the bearer token the auth library hands out for that session.
 */
export async function signIn(origin: string): Promise<string> {
  const response = await signInResponse(origin);
  const token = response.headers.get("set-auth-token");
  if (!response.ok || !token)
    throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
  return token;
}

/** Signs in as a browser does: pages (unlike procedures) are gated on the session cookie. */
export async function signInCookie(origin: string): Promise<string> {
  const response = await signInResponse(origin);
  const cookie = response.headers.getSetCookie().find((line) => line.includes("session_token="));
  if (!response.ok || !cookie)
    throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
  return cookie.split(";")[0] ?? "";
}

function signInResponse(origin: string) {
  return fetch(`${origin}/api/auth/sign-in/email`, {
    method: "POST",
    // The auth library refuses a sign-in from an origin it does not trust; the servers inherit this environment.
    headers: { "content-type": "application/json", origin: authConfigFromEnv().trustedOrigins[0] ?? origin },
    body: JSON.stringify({ email: BENCH_USER.email, password: DEMO_PASSWORD }),
  });
}

/** The one place the bench's requests get their headers: a bearer token when there is a session. */
export function benchRequestHeaders(bearerToken: string | null): Record<string, string> {
  return bearerToken ? { authorization: `Bearer ${bearerToken}` } : {};
}
