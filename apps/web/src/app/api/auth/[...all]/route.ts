import { getAuth } from "@/server/auth";

async function handleAuth(req: Request) {
  return (await getAuth()).handler(req);
}

export { handleAuth as GET, handleAuth as POST };
