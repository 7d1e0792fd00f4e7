import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { PrismaClient } from "../client.ts";
import { ensureEmbeddedServer } from "../embedded/server.ts";
import { connectPostgres } from "../postgres.ts";
import { postgresTemplate, withDatabase } from "./template.ts";

export { migrationsHash, postgresTemplate } from "./template.ts";

export type TestDatabase = {
  prisma: PrismaClient;
  kind: "embedded" | "postgres";
  /** A postgresql:// URL for the copy, for tests that start a host process or a second client. */
  url: string;
  close(): Promise<void>;
};

/**
 * The embedded server the suites share: its own data folder, kept between runs
 * (starting it is the slow part). Its settings trade durability for speed,
 * which no test relies on: a test that kills a server uses a server of its own.
 */
export const TEST_EMBEDDED_DIR = process.env.TALLY_TEST_EMBEDDED_DIR || join(tmpdir(), "tally-test-embedded");
const TEST_SERVER_SETTINGS = { fsync: "off", full_page_writes: "off", synchronous_commit: "off" };

/** The maintenance URL of the server tests run on: TEST_DATABASE_URL, or the shared embedded server. */
export async function testServerUrl(serverUrl = process.env.TEST_DATABASE_URL): Promise<string> {
  if (serverUrl) return serverUrl;
  return (await ensureEmbeddedServer(TEST_EMBEDDED_DIR, { settings: TEST_SERVER_SETTINGS })).adminUrl;
}

/**
 * A private, migrated database for one test file, created from a migrated
 * template (`CREATE DATABASE … TEMPLATE`, milliseconds) on the server
 * TEST_DATABASE_URL names, or on the embedded server when it is empty; dropped
 * on close.
 */
export async function createTestDatabase(
  serverUrl: string | undefined = process.env.TEST_DATABASE_URL,
): Promise<TestDatabase> {
  const kind = serverUrl ? "postgres" : "embedded";
  const admin = await testServerUrl(serverUrl);
  const template = await postgresTemplate(admin);
  const name = `tally_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(admin, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(admin, name);
  const prisma = connectPostgres(url, 20);
  return {
    prisma,
    kind,
    url,
    async close() {
      await prisma.$disconnect();
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
