import { appRouter, createContext } from "@tally/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDatabase } from "@/server/database";

async function handleTrpc(req: Request) {
  const { prisma } = await getDatabase();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ db: prisma, headers: req.headers }),
  });
}

export { handleTrpc as GET, handleTrpc as POST };
