import { rulesConfigFromEnv } from "@tally/api";
import { createTrpcEndpoint, forwardingConfigFromEnv, routerNames } from "@tally/api/forwarding";
import { getAuth } from "@/server/auth";
import { getDatabase } from "@/server/database";

/** Every router in-process, except those TALLY_REMOTE_ROUTERS sends to apps/server. */
let endpoint: Promise<(req: Request) => Promise<Response>> | undefined;

function trpcEndpoint() {
  endpoint ??= Promise.all([getDatabase(), getAuth()]).then(
    ([{ prisma }, auth]) =>
      createTrpcEndpoint({
        db: prisma,
        auth,
        endpoint: "/api/trpc",
        forwarding: forwardingConfigFromEnv(routerNames),
        rules: rulesConfigFromEnv(),
      }),
    (error: unknown) => {
      endpoint = undefined; // let the next request try again
      throw error;
    },
  );
  return endpoint;
}

async function handleTrpc(req: Request) {
  return (await trpcEndpoint())(req);
}

export { handleTrpc as GET, handleTrpc as POST };
