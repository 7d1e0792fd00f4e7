import { type Logger, logger } from "@tally/api";
import { type Auth, createAuth } from "@tally/auth";
import { type Database, openDatabase, type PrismaClient } from "@tally/db";
import type { HostConfig } from "./host-config.ts";

/** What a host needs to serve the rules: built once per process from validated configuration. */
export type Runtime = {
  config: HostConfig;
  db: PrismaClient;
  auth: Auth;
  logger: Logger;
  /** "postgres" (DATABASE_URL) or "embedded" (the server in TALLY_DATA_DIR). */
  databaseKind: Database["kind"];
  /** Closes this process's connections to the database. */
  close(): Promise<void>;
};

export async function openRuntime(config: HostConfig): Promise<Runtime> {
  logger.level = config.logLevel;
  const database = await openDatabase(config.database);
  return {
    config,
    db: database.prisma,
    auth: createAuth({ prisma: database.prisma, config: config.auth }),
    logger,
    databaseKind: database.kind,
    close: () => database.close(),
  };
}
