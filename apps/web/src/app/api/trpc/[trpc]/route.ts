import { appRouter, createContext } from "@tally/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getAuth } from "@/server/auth";
import { getDatabase } from "@/server/database";

async function handleTrpc(req: Request) {
  const [{ prisma }, auth] = await Promise.all([getDatabase(), getAuth()]);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ db: prisma, auth, headers: req.headers }),
  });
}

export { handleTrpc as GET, handleTrpc as POST };
