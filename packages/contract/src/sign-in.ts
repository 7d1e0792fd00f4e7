import { DEMO_PASSWORD } from "@tally/db/seed";
import { rememberSecret, rememberSessionFrom } from "@tally/host/testing";

/**
 * Signs in through a host's auth endpoint, as a script or the mobile app does,
 * and returns the bearer token. Node's fetch sends browser-style fetch metadata,
 * so, like a browser, it must name a trusted origin: the host's own.
 */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  rememberSecret("password", password);
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  rememberSessionFrom(response);
  if (!response.ok)
    throw new Error(`sign-in at ${baseUrl} failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`sign-in at ${baseUrl} returned no token`);
  return token;
}
