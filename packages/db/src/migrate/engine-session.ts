import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import { useSchemaEngine } from "./engine.ts";
import { readSchema } from "./files.ts";

/** Tally manages every table and enum through migrations. */
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export type Work<T> = (engine: SchemaEngine) => Promise<T>;

/** Runs `work` with a schema engine on the adapters `factory` makes, then disposes every adapter it opened. */
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
