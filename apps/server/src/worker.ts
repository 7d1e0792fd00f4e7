import { logger } from "@tally/api";
import { openRuntime } from "@tally/host";
import { ConfigError, loadConfig } from "./config.ts";

/** `pnpm start:worker`: background jobs only, no HTTP; as many as you like beside the servers. */
async function main() {
  const config = loadConfig();
  const runtime = await openRuntime(config.host, {
    workers: { concurrency: config.TALLY_WORKER_CONCURRENCY },
  });
  logger.info(
    { database: runtime.databaseKind, concurrency: config.TALLY_WORKER_CONCURRENCY },
    "tally worker running",
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker stopping: finishing or releasing its jobs");
    await runtime.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
