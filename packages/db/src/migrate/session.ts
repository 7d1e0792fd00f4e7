import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { postgresMigrationAdapter } from "./adapters.ts";
import { type Work, withAdapterEngine } from "./engine-session.ts";

export { noFilters, withAdapterEngine } from "./engine-session.ts";

export type MigrationTarget =
  | { kind: "pglite"; dataDir: string }
  /** An open instance stays open: its owner closes it. */
  | { kind: "pglite"; db: PGlite }
  | { kind: "postgres"; url: string };

/** Runs `work` with a schema engine connected to `target`, then releases everything it opened. */
export async function withEngine<T>(
  target: MigrationTarget,
  schemaPath: string | undefined,
  work: Work<T>,
): Promise<T> {
  const { factory, close } = await open(target);
  try {
    return await withAdapterEngine(factory, schemaPath, work);
  } finally {
    await close();
  }
}

async function open(
  target: MigrationTarget,
): Promise<{ factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> }> {
  if (target.kind === "postgres")
    return { factory: postgresMigrationAdapter(target.url), close: async () => {} };
  const { pgliteMigrationAdapter } = await import("./pglite-adapter.ts");
  if ("db" in target) return { factory: pgliteMigrationAdapter(target.db), close: async () => {} };
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(target.dataDir);
  return { factory: pgliteMigrationAdapter(db), close: () => db.close() };
}
