// The app's router behind apps/server's two tRPC paths, with one difference:
// the context skips the per-request session lookup. Measured next to
// apps/server, it separates what the HTTP transport costs from what the
// app's context costs. Not a production configuration.
import { createServer } from "node:http";
import { appRouter, createContextInner } from "@tally/api";
import { createAuth } from "@tally/auth";
import { openDatabase } from "@tally/db";
import { createTrpcHandler } from "@tally/host";
import { serverConfig } from "./bench-config.ts";

const config = serverConfig();

const database = await openDatabase();
const auth = createAuth({ prisma: database.prisma });
const handler = createTrpcHandler({
  router: appRouter,
  basePath: "/trpc/",
  expressLane: config.TALLY_EXPRESS_LANE,
  limits: { maxBatchSize: 50, maxBodyBytes: 1024 * 1024 },
  createContext: () => createContextInner({ db: database.prisma, auth }),
});
const server = createServer(handler).listen(config.PORT, "127.0.0.1");
process.on("SIGTERM", () => server.close(() => database.close().then(() => process.exit(0))));
