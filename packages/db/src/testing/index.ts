import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../client.ts";
import { connectPostgres } from "../postgres.ts";
import { pgliteTemplate, postgresTemplate, withDatabase } from "./template.ts";

export { migrationsHash, pgliteTemplate, postgresTemplate } from "./template.ts";

export type TestDatabase = {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** A postgresql:// URL for the copy (PostgreSQL only), for tests that start a host process. */
  url?: string;
  close(): Promise<void>;
};

/**
 * A private, migrated database for one test file: a copy of the PGlite template
 * in memory, or, when TEST_DATABASE_URL names a PostgreSQL server, a new
 * database created from the template there (dropped on close).
 */
export async function createTestDatabase(
  serverUrl: string | undefined = process.env.TEST_DATABASE_URL,
): Promise<TestDatabase> {
  return serverUrl ? copyPostgresTemplate(serverUrl) : copyPgliteTemplate();
}

async function copyPgliteTemplate(): Promise<TestDatabase> {
  const db = await PGlite.create({ loadDataDir: await pgliteTemplate() });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: "pglite",
    async close() {
      await prisma.$disconnect();
      await db.close();
    },
  };
}

async function copyPostgresTemplate(serverUrl: string): Promise<TestDatabase> {
  const template = await postgresTemplate(serverUrl);
  const name = `tally_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(serverUrl, name);
  const prisma = connectPostgres(url, 20);
  return {
    prisma,
    kind: "postgres",
    url,
    async close() {
      await prisma.$disconnect();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
