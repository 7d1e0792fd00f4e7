import type { RequestSafety } from "@tally/api";

export type { RequestSafety };

/**
 * What a request's headers say about where it came from. A browser sends
 * `Origin` with every POST; a form post from another site arrives with that
 * site's origin and a form content type, and both are refused for cookie
 * sessions. Bearer tokens are never sent by a browser on its own, so a
 * request carrying one is not at risk.
 */
const JSON_CONTENT = /^application\/json\b/i;

export function requestSafety(headers: Headers, trustedOrigins: readonly string[] = []): RequestSafety {
  const bearer = headers.get("authorization")?.toLowerCase().startsWith("bearer ");
  if (bearer) return { credential: "bearer", crossSite: false };
  if (!headers.get("cookie")) return { credential: "none", crossSite: false };

  const origin = headers.get("origin");
  const contentType = headers.get("content-type");
  const trustedOrigin = origin !== null && trustedOrigins.includes(origin);
  const fetchSite = headers.get("sec-fetch-site");
  const crossSite =
    !trustedOrigin ||
    (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "same-site") ||
    (contentType !== null && !JSON_CONTENT.test(contentType));
  return { credential: "cookie", crossSite };
}
