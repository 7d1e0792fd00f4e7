import { createTrpcEndpoint, forwardingConfigFromEnv, routerNames, traceFetchRequests } from "@tally/host";
import { servedBy } from "@/server/runtime";

/** Every router in-process, except those TALLY_REMOTE_ROUTERS sends to apps/server; apps/server's limits. */
const handleTrpc = traceFetchRequests(
  "web",
  servedBy(({ db, auth, config, queue, events, apiKeys }) =>
    createTrpcEndpoint({
      db,
      auth,
      endpoint: "/api/trpc",
      forwarding: forwardingConfigFromEnv(routerNames),
      limits: config.limits,
      rules: config.rules,
      queue,
      events,
      apiKeys,
    }),
  ),
);

export { handleTrpc as GET, handleTrpc as POST };
