import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { pgliteMigrationAdapter, postgresMigrationAdapter } from "./adapters.ts";
import { useSchemaEngine } from "./engine.ts";
import { readSchema } from "./files.ts";

export type MigrationTarget =
  | { kind: "pglite"; dataDir: string }
  /** An open instance stays open: its owner closes it. */
  | { kind: "pglite"; db: PGlite }
  | { kind: "postgres"; url: string };

/** Tally manages every table and enum through migrations. */
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

type Work<T> = (engine: SchemaEngine) => Promise<T>;

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

export async function withAdapterEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schemaPath: string | undefined,
  work: Work<T>,
): Promise<T> {
  const adapters = trackAdapters(factory);
  try {
    const bound = bindMigrationAwareSqlAdapterFactory(adapters.factory);
    return await useSchemaEngine(bound, await readSchema(schemaPath), work);
  } finally {
    await adapters.disposeAll();
  }
}

async function open(
  target: MigrationTarget,
): Promise<{ factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> }> {
  if (target.kind === "postgres")
    return { factory: postgresMigrationAdapter(target.url), close: async () => {} };
  if ("db" in target) return { factory: pgliteMigrationAdapter(target.db), close: async () => {} };
  const db = await PGlite.create(target.dataDir);
  return { factory: pgliteMigrationAdapter(db), close: () => db.close() };
}

/** Freeing the engine does not dispose the adapters it connected, so open pools would outlive the command. */
function trackAdapters(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    open.add(adapter);
    return Object.assign(adapter, {
      // Once only: ending a pg pool twice throws.
      async dispose() {
        if (open.delete(adapter)) await dispose();
      },
    });
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => track(await factory.connect()),
      connectToShadowDb: async () => track(await factory.connectToShadowDb()),
    } satisfies SqlMigrationAwareDriverAdapterFactory,
    async disposeAll() {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
  };
}
