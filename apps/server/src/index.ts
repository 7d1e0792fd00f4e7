import { createServer } from "node:http";
import { createContext, logger, processConfig } from "@tally/api";
import {
  attachEventSockets,
  createCredentialVerifier,
  openRuntime,
  requestSafety,
  traceNodeRequests,
} from "@tally/host";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { stopServer } from "./lifecycle.ts";

async function main() {
  const config = loadConfig();
  const runtime = await openRuntime(config.host, {
    workers: config.TALLY_WORKERS && { concurrency: config.TALLY_WORKER_CONCURRENCY },
    serviceName: "tally-server",
  });
  const server = createServer(
    traceNodeRequests(
      "server",
      createApp({
        runtime,
        trustProxy: config.TALLY_TRUST_PROXY,
        verifyForwarded: config.TALLY_SERVICE_SECRET
          ? createCredentialVerifier({
              secret: config.TALLY_SERVICE_SECRET,
              sharedState: runtime.sharedState,
            })
          : null,
        expressLane: config.TALLY_EXPRESS_LANE,
      }),
    ),
  );
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  const { db, auth, queue, events } = runtime;
  const sockets = attachEventSockets(server, {
    path: "/trpc",
    config: config.websocket,
    maxDurationMs: processConfig().streams.maxDurationMs,
    trustedOrigins: auth.options.trustedOrigins ?? [],
    createContext: (headers, connection) =>
      createContext({
        db,
        auth,
        headers,
        queue,
        events,
        connection,
        config: config.host.rules,
        safety: requestSafety(headers, auth.options.trustedOrigins),
      }),
    log: logger,
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info(
    { url: `http://${config.HOST}:${port}`, database: runtime.databaseKind, workers: config.TALLY_WORKERS },
    "tally server listening",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await sockets.close();
    const finished = await stopServer(server, config.SHUTDOWN_GRACE_MS, () => runtime.close());
    logger.info({ drained: finished }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else logger.fatal({ err: error }, "failed to start");
  process.exit(1);
});
