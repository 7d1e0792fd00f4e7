import { servedBy } from "@/server/runtime";

/** better-auth's own routes (sign-in, sign-up, sessions), on the process's database. */
const handleAuth = servedBy(({ auth }) => auth.handler);

export { handleAuth as GET, handleAuth as POST };
