/**
 * Where to go after signing in. Only a path on this site is accepted
 * ("/members", "/invitations/abc?x=1"), never another origin ("//evil.example",
 * "https://…"), so a crafted sign-in link cannot send anyone elsewhere.
 */
export function safeNextPath(value: string | string[] | null | undefined, fallback = "/"): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path?.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  return path;
}

/** The sign-in page, coming back to `next` afterwards. */
export function signInPath(next: string): string {
  return next === "/" ? "/sign-in" : `/sign-in?${new URLSearchParams({ next })}`;
}

export function signUpPath(next: string): string {
  return next === "/" ? "/sign-up" : `/sign-up?${new URLSearchParams({ next })}`;
}
