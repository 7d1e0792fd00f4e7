import type { PrismaClient } from "./client.ts";
import { ensureEmbeddedServer } from "./embedded/server.ts";
import { type DatabaseConfig, databaseConfigFromEnv } from "./env.ts";
import { deployIfPending } from "./migrate/deploy-if-pending.ts";
import { connectPostgres } from "./postgres.ts";

export type Database = {
  prisma: PrismaClient;
  /** "postgres": the server DATABASE_URL names; "embedded": the embedded server in the data folder. */
  kind: "postgres" | "embedded";
  /** Where it is, for a process this one starts (tests, tools): another process can connect to it. */
  url: string;
  close(): Promise<void>;
};

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else the
 * embedded PostgreSQL server in the data folder, started if it is not running
 * and migrated (docs/decisions/001-embedded-database.md).
 */
export async function openDatabase(config: DatabaseConfig = databaseConfigFromEnv()): Promise<Database> {
  if (config.kind === "postgres") {
    const prisma = connectPostgres(config.url, config.poolSize);
    return { prisma, kind: "postgres", url: config.url, close: () => prisma.$disconnect() };
  }
  const server = await ensureEmbeddedServer(config.dataDir);
  await deployIfPending(server.url);
  const prisma = connectPostgres(server.url, config.poolSize);
  // The server outlives this process on purpose: other processes share it (`pnpm stop` ends it).
  return { prisma, kind: "embedded", url: server.url, close: () => prisma.$disconnect() };
}
