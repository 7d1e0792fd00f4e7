import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { expect, test } from "vitest";
import { PrismaClient } from "./client.ts";
import { checkReadiness } from "./readiness.ts";
import { createTestDatabase } from "./testing/index.ts";

test("a migrated database is ready", async () => {
  const database = await createTestDatabase();
  try {
    await expect(checkReadiness(database.prisma)).resolves.toEqual({ ready: true });
  } finally {
    await database.close();
  }
});

test("an empty database is not, and says why", async () => {
  const db = await PGlite.create();
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  try {
    await expect(checkReadiness(prisma)).resolves.toEqual({ ready: false, reason: "no migrations applied" });
  } finally {
    await prisma.$disconnect();
    await db.close();
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
