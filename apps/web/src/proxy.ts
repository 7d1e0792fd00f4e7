import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { signInPath } from "@/lib/next-path";

/** Pages anyone may open: signing in and up, and an invitation link (it says who to sign in as). */
const PUBLIC_PAGES = [/^\/sign-in\/?$/, /^\/sign-up\/?$/, /^\/invitations\/[^/]+\/?$/];

/**
 * A first, cheap gate: no session cookie at all means "sign in first". It does
 * not validate the cookie (that needs the database): every page checks the
 * session itself on the server, and procedures check it again.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.some((page) => page.test(pathname)) || getSessionCookie(request)) {
    return NextResponse.next();
  }
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
}

export const config = {
  // Pages only: not the API (it answers UNAUTHORIZED itself), Next's assets or files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[a-zA-Z0-9]+$).*)"],
};
