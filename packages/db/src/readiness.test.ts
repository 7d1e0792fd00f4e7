import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, test } from "vitest";
import { connectPostgres } from "./postgres.ts";
import { checkReadiness } from "./readiness.ts";
import { createTestDatabase, testServerUrl } from "./testing/index.ts";
import { withDatabase } from "./testing/template.ts";

test("a migrated database is ready", async () => {
  const database = await createTestDatabase();
  try {
    await expect(checkReadiness(database.prisma)).resolves.toEqual({ ready: true });
  } finally {
    await database.close();
  }
});

test("an empty database is not, and says why", async () => {
  const server = await testServerUrl();
  const name = `tally_empty_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const prisma = connectPostgres(withDatabase(server, name), 1);
  try {
    await expect(checkReadiness(prisma)).resolves.toEqual({ ready: false, reason: "no migrations applied" });
  } finally {
    await prisma.$disconnect();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
});

test("a database missing the newest migration names it", async () => {
  const database = await createTestDatabase();
  try {
    const [newest] = await database.prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await database.prisma
      .$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${newest?.migration_name}`;
    await expect(checkReadiness(database.prisma)).resolves.toEqual({
      ready: false,
      reason: `pending migrations: ${newest?.migration_name}`,
    });
  } finally {
    await database.close();
  }
});
