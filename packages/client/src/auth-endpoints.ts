/**
 * Both hosts mount the auth handler at `/api/auth` on the same origin as
 * their tRPC endpoint (`/api/trpc` in Next.js, `/trpc` in the server), so a
 * client needs to be told only one address.
 */
export function authUrlFor(trpcUrl: string): string {
  return new URL("/api/auth", trpcUrl).href;
}

export function bearerHeaders(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
