import { existsSync, renameSync } from "node:fs";
import pg from "pg";
import { deployIfPending } from "../migrate/deploy-if-pending.ts";
import { clusterLayout } from "./cluster.ts";
import { ensureEmbeddedServer } from "./server.ts";

/**
 * Copies the data of a PGlite folder made by an earlier Tally (`<dataDir>/pgdata`)
 * into the embedded PostgreSQL server: the same migrations make the same tables,
 * so rows move table by table as JSON, with foreign keys checked only at the
 * end of the one transaction. The old folder is kept, renamed, until the user
 * deletes it.
 */
export async function importPglite(
  dataDir: string,
): Promise<{ tables: number; rows: number; keptAt: string }> {
  const layout = clusterLayout(dataDir);
  if (!existsSync(layout.legacyPglite))
    throw new Error(`${layout.legacyPglite} does not exist: nothing to import`);
  const { PGlite } = await import("@electric-sql/pglite");
  const source = await PGlite.create(layout.legacyPglite);
  const server = await ensureEmbeddedServer(dataDir, { allowLegacy: true });
  await deployIfPending(server.url);
  const target = new pg.Client({ connectionString: server.url });
  await target.connect();
  let rows = 0;
  let tables: string[];
  try {
    tables = await tableNames(source);
    await target.query("BEGIN");
    // Rows arrive in table order, not dependency order: constraints are checked at COMMIT.
    await target.query("SET LOCAL session_replication_role = replica");
    for (const table of tables) {
      const { rows: existing } = await target.query<{ count: string }>(`SELECT count(*) FROM "${table}"`);
      if (Number(existing[0]?.count) > 0)
        throw new Error(`"${table}" in the embedded server already has rows: import into an empty database`);
      const dumped = await source.query<{ data: string }>(
        `SELECT coalesce(json_agg(t), '[]')::text AS data FROM "${table}" t`,
      );
      const data = dumped.rows[0]?.data ?? "[]";
      const inserted = await target.query(
        `INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`,
        [data],
      );
      rows += inserted.rowCount ?? 0;
    }
    await target.query("COMMIT");
  } catch (error) {
    await target.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await target.end();
    await source.close();
  }
  const keptAt = `${layout.legacyPglite}.imported-${new Date().toISOString().slice(0, 10)}`;
  renameSync(layout.legacyPglite, keptAt);
  return { tables: tables.length, rows, keptAt };
}

async function tableNames(source: { query<T>(sql: string): Promise<{ rows: T[] }> }): Promise<string[]> {
  const { rows } = await source.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}
