import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { findRepoRoot } from "../env.ts";
import { deployMigrations } from "../migrate/index.ts";

/**
 * Migrating a fresh database costs seconds; copying a migrated one costs
 * milliseconds. Templates are keyed by a hash of the migrations, so a new
 * migration builds a new template and an unchanged tree reuses the old one.
 */
export function migrationsHash(migrationsDir = join(findRepoRoot(), "prisma", "migrations")): string {
  const hash = createHash("sha256");
  for (const entry of readdirSync(migrationsDir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    hash.update(entry.name);
    hash.update(readFileSync(join(migrationsDir, entry.name, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 12);
}

/** A migrated template database on the server at `url`, created once per migration set. */
export async function postgresTemplate(url: string): Promise<string> {
  const name = `tally_template_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Workers race to build the template; the advisory lock makes one build it.
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      await deployMigrations({ kind: "postgres", url: withDatabase(url, building) });
      // A pool that is still closing would block the rename, and later every copy.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
        building,
      ]);
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
    await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
  } finally {
    await admin.end();
  }
  return name;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
