import type { Auth } from "@tally/auth";
import type { FetchHandler } from "../node/serve-fetch.ts";

/**
 * The auth library's HTTP routes that clients need: signing up, in and out,
 * and reading the session. Everything else the library would serve under
 * `/api/auth` (its organisation, invitation and member routes above all)
 * bypasses Tally's rules and audit, so both hosts answer it as an unknown
 * path. Organisations are managed through the `org` router alone, which calls
 * the library in-process after its own checks. An allow-list, not a deny-list:
 * a plugin or an upgrade that adds routes adds nothing reachable.
 */
const PUBLIC_AUTH_ENDPOINTS: Readonly<Record<string, "GET" | "POST">> = {
  "/sign-up/email": "POST",
  "/sign-in/email": "POST",
  "/sign-out": "POST",
  "/get-session": "GET",
};

export const AUTH_BASE_PATH = "/api/auth";

/** Whether a request to `path` (with or without its query) is one the auth library may answer. */
export function isPublicAuthRequest(method: string | undefined, path: string): boolean {
  if (!path.startsWith(`${AUTH_BASE_PATH}/`)) return false;
  const route = path.slice(AUTH_BASE_PATH.length).split("?", 1)[0]?.replace(/\/+$/, "") ?? "";
  const allowed = Object.hasOwn(PUBLIC_AUTH_ENDPOINTS, route) ? PUBLIC_AUTH_ENDPOINTS[route] : undefined;
  // CORS preflights reach the library's routes too; they carry no credentials and change nothing.
  return allowed !== undefined && (method === allowed || method === "OPTIONS");
}

export function authNotFound(): Response {
  return Response.json({ error: "Not found" }, { status: 404, headers: { "cache-control": "no-store" } });
}

/** The auth library's handler behind the allow-list, for fetch hosts (the Next.js route file). */
export function publicAuthHandler(auth: Pick<Auth, "handler">): FetchHandler {
  return async (request) => {
    const { pathname } = new URL(request.url);
    return isPublicAuthRequest(request.method, pathname) ? auth.handler(request) : authNotFound();
  };
}
