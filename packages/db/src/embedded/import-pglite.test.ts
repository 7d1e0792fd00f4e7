import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../database.ts";
import { deployMigrations } from "../migrate/index.ts";
import { importPglite } from "./import-pglite.ts";
import { ensureEmbeddedServer, stopEmbeddedServer } from "./server.ts";

let dataDir: string | undefined;
afterAll(async () => {
  if (!dataDir) return;
  await stopEmbeddedServer(dataDir);
  await rm(dataDir, { recursive: true, force: true });
});

test("the data of an old PGlite folder moves into the embedded server, rows and references intact", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "tally-import-pglite-"));
  const legacy = join(dataDir, "pgdata");
  const { PGlite } = await import("@electric-sql/pglite");
  const old = await PGlite.create(legacy);
  await deployMigrations({ kind: "pglite", db: old });
  await old.exec(`
    INSERT INTO organization (id, name, slug, "createdAt") VALUES ('org_old', 'From PGlite', 'old', now());
    INSERT INTO "user" (id, name, email, "emailVerified", "createdAt", "updatedAt")
      VALUES ('user_old', 'Old User', 'old@example.test', true, now(), now());
    INSERT INTO member (id, "organizationId", "userId", role, "createdAt")
      VALUES ('member_old', 'org_old', 'user_old', 'owner', now());`);
  await old.close();
  await expect(ensureEmbeddedServer(dataDir)).rejects.toThrow(/db:import-pglite/);

  const { tables, rows, keptAt } = await importPglite(dataDir);
  expect(rows).toBe(3);
  expect(tables).toBeGreaterThan(10);
  expect(existsSync(legacy)).toBe(false);
  expect(existsSync(keptAt)).toBe(true);

  const database = await openDatabase({ kind: "embedded", dataDir });
  try {
    await expect(
      database.prisma.member.findUnique({
        where: { id: "member_old" },
        select: { role: true, organization: { select: { name: true } }, user: { select: { email: true } } },
      }),
    ).resolves.toEqual({
      role: "owner",
      organization: { name: "From PGlite" },
      user: { email: "old@example.test" },
    });
  } finally {
    await database.close();
  }
  await expect(importPglite(dataDir)).rejects.toThrow(/does not exist: nothing to import/);
}, 120_000);
