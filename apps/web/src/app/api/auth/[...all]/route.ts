import { publicAuthHandler } from "@tally/host";
import { servedBy } from "@/server/runtime";

/**
 * The auth library's routes that clients need (sign-up, sign-in, sign-out,
 * the session), on the process's database; every other path under /api/auth
 * answers 404 (packages/host/src/auth/public-auth-endpoints.ts).
 */
const handleAuth = servedBy(({ auth }) => publicAuthHandler(auth));

export { handleAuth as GET, handleAuth as POST };
