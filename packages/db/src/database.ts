import type { PrismaClient } from "./client.ts";
import { acquireEmbedded } from "./embedded/owner.ts";
import { type DatabaseConfig, databaseConfigFromEnv } from "./env.ts";
import { connectPostgres } from "./postgres.ts";

export type Database = {
  prisma: PrismaClient;
  /** "postgres", or the embedded database as its owner or as a guest of another process. */
  kind: "postgres" | "embedded-owner" | "embedded-guest";
  close(): Promise<void>;
};

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export async function openDatabase(config: DatabaseConfig = databaseConfigFromEnv()): Promise<Database> {
  if (config.kind === "postgres") {
    const prisma = connectPostgres(config.url, config.poolSize);
    return { prisma, kind: "postgres", close: () => prisma.$disconnect() };
  }
  const endpoint = await acquireEmbedded(config.dataDir);
  // The socket server queues every statement; a few connections are plenty.
  const prisma = connectPostgres(endpoint.url, 4);
  return {
    prisma,
    kind: endpoint.role === "owner" ? "embedded-owner" : "embedded-guest",
    async close() {
      await prisma.$disconnect();
      await endpoint.release();
    },
  };
}
