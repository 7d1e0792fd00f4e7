import pg from "pg";
import { postgresMigrationAdapter } from "./adapters.ts";
import { noFilters, withAdapterEngine } from "./engine-session.ts";
import { readMigrations } from "./files.ts";

/** Any constant shared by every Tally process: processes starting together migrate one at a time. */
const MIGRATION_LOCK = 7_342_001;

/**
 * Applies pending migrations at start. Most starts have none, and asking
 * `_prisma_migrations` costs one query where starting the schema engine costs
 * a wasm load; so the engine runs only when something is pending, under an
 * advisory lock so that two processes starting at once do not both apply.
 */
export async function deployIfPending(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const migrationsList = await readMigrations();
    const local = migrationsList.migrationDirectories.map((migration) => migration.path);
    if ((await pending(client, local)).length === 0) return [];
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      // The hosts' only path into the engine: PostgreSQL alone, so they never load PGlite.
      return await withAdapterEngine(postgresMigrationAdapter(url), undefined, async (engine) => {
        const { appliedMigrationNames } = await engine.applyMigrations({
          migrationsList,
          filters: noFilters,
        });
        return appliedMigrationNames;
      });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function pending(client: pg.Client, local: string[]): Promise<string[]> {
  const { rows: table } = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  if (!table[0]?.exists) return local;
  const { rows } = await client.query<{ name: string }>(
    "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const applied = new Set(rows.map((row) => row.name));
  return local.filter((name) => !applied.has(name));
}
