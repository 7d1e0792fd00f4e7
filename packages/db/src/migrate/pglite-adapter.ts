import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { patch, runScript } from "./adapters.ts";

/*
 * PGlite (in-process, one connection) serves the migration tool only: the
 * throwaway database `db:check` replays the migrations into, and the old
 * embedded data folders `db:import-pglite` reads. It is imported on demand, so
 * the hosts never load it.
 */

/**
 * `shadowDb`, when given, serves as the shadow database and is left open;
 * otherwise each shadow is a fresh in-memory PGlite, closed after use.
 */
export function pgliteMigrationAdapter(db: PGlite, shadowDb?: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(db);
  // pglite-prisma-adapter fires `exec` without awaiting it, so a failing
  // migration would be recorded as applied.
  const connect = async (client: PGlite) =>
    patch(await new PrismaPGlite(client).connect(), {
      executeScript: (script) => runScript(() => client.exec(script)),
    });

  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => connect(db),
    async connectToShadowDb() {
      if (shadowDb) return connect(shadowDb);
      const fresh = await PGlite.create();
      return patch(await connect(fresh), { dispose: () => fresh.close() });
    },
  };
}
