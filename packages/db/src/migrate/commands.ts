import {
  defaultMigrationsDir,
  type MigrationPaths,
  readMigrations,
  readSchema,
  writeMigration,
} from "./files.ts";
import { type MigrationTarget, noFilters, withAdapterEngine, withEngine } from "./session.ts";

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Applied to the database but absent from the migrations folder. */
  unknown: string[];
  failed: string[];
  /** Changed on disk after being applied. */
  edited: string[];
};

export type DevResult = {
  /** Pending migrations applied before authoring, then the new one if any. */
  applied: string[];
  /** The new migration's folder name; null when the schema matched the migrations. */
  created: string | null;
  /** Data-loss warnings for the new migration (dev databases only, so they do not block). */
  warnings: string[];
};

/** Applies every pending migration (`prisma migrate deploy`); returns the names applied. */
export async function deployMigrations(
  target: MigrationTarget,
  paths: MigrationPaths = {},
): Promise<string[]> {
  const migrationsList = await readMigrations(paths.migrationsDir);
  return withEngine(target, paths.schemaPath, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  });
}

/** Brings the database up to date, then authors and applies a migration for any schema change (`prisma migrate dev`). */
export async function migrateDev(
  target: MigrationTarget,
  name: string,
  paths: MigrationPaths = {},
): Promise<DevResult> {
  const migrationsDir = paths.migrationsDir ?? defaultMigrationsDir;
  const schema = { files: [await readSchema(paths.schemaPath)] };
  let migrationsList = await readMigrations(migrationsDir);

  return withEngine(target, paths.schemaPath, async (engine) => {
    const diagnose = async () => {
      const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilters });
      if (action.tag === "reset") throw new Error(`${action.reason} Run db:reset to recreate the database.`);
    };
    await diagnose();
    const { appliedMigrationNames: applied } = await engine.applyMigrations({
      migrationsList,
      filters: noFilters,
    });
    // After applying migrations the engine refuses to evaluate or create one
    // ("shadow DB must be provided…") until it has diagnosed again.
    if (applied.length > 0) await diagnose();

    const loss = await engine.evaluateDataLoss({ migrationsList, schema, filters: noFilters });
    if (loss.unexecutableSteps.length > 0) {
      throw new Error(
        `The migration cannot run on this database: ${messages(loss.unexecutableSteps).join("; ")}`,
      );
    }
    if (loss.migrationSteps === 0) return { applied, created: null, warnings: [] };

    const created = await engine.createMigration({
      draft: false,
      migrationName: slug(name),
      migrationsList,
      schema,
      filters: noFilters,
    });
    if (created.migrationScript === null) return { applied, created: null, warnings: [] };
    await writeMigration(migrationsDir, created.generatedMigrationName, {
      extension: created.extension,
      script: created.migrationScript,
    });
    migrationsList = await readMigrations(migrationsDir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return {
      applied: [...applied, ...appliedMigrationNames],
      created: created.generatedMigrationName,
      warnings: messages(loss.warnings),
    };
  });
}

/** Compares the migrations folder with the database's `_prisma_migrations` table (`prisma migrate status`). */
export async function migrationStatus(
  target: MigrationTarget,
  paths: MigrationPaths = {},
): Promise<MigrationStatus> {
  const migrationsList = await readMigrations(paths.migrationsDir);
  const diagnostic = await withEngine(target, paths.schemaPath, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters }),
  );
  const local = migrationsList.migrationDirectories.map((dir) => dir.path);
  const history = diagnostic.history;
  const pending = !diagnostic.hasMigrationsTable
    ? local
    : history && history.diagnostic !== "migrationsDirectoryIsBehind"
      ? history.unappliedMigrationNames
      : [];
  return {
    applied: local.filter(
      (name) => !pending.includes(name) && !diagnostic.failedMigrationNames.includes(name),
    ),
    pending,
    unknown: history && history.diagnostic !== "databaseIsBehind" ? history.unpersistedMigrationNames : [],
    failed: diagnostic.failedMigrationNames,
    edited: diagnostic.editedMigrationNames,
  };
}

/** Empties the database and applies every migration (`prisma migrate reset`, without seeding); returns the names applied. */
export async function resetDatabase(target: MigrationTarget, paths: MigrationPaths = {}): Promise<string[]> {
  const migrationsList = await readMigrations(paths.migrationsDir);
  return withEngine(target, paths.schemaPath, async (engine) => {
    await engine.reset({ filter: noFilters });
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  });
}

/**
 * What schema.prisma has that the migrations do not produce, as the engine's
 * human-readable summary; null when they agree. Replays the migrations on a
 * throwaway in-memory PGlite, so it needs no database.
 */
export async function schemaDrift(paths: MigrationPaths = {}): Promise<string | null> {
  const [migrationsList, schemaFile] = await Promise.all([
    readMigrations(paths.migrationsDir),
    readSchema(paths.schemaPath),
  ]);
  const [{ PGlite }, { pgliteMigrationAdapter }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("./pglite-adapter.ts"),
  ]);
  const db = await PGlite.create();
  try {
    // The throwaway database doubles as the shadow the migrations are replayed into.
    const { exitCode, stdout } = await withAdapterEngine(
      pgliteMigrationAdapter(db, db),
      paths.schemaPath,
      (engine) =>
        engine.diff({
          from: { tag: "migrations", ...migrationsList },
          to: { tag: "schemaDatamodel", files: [schemaFile] },
          script: false,
          exitCode: true,
          filters: noFilters,
        }),
    );
    return exitCode === 0 ? null : (stdout ?? "").trim();
  } finally {
    await db.close();
  }
}

/** True when applying every migration to an empty database yields exactly schema.prisma. */
export async function checkSchemaInSync(paths: MigrationPaths = {}): Promise<boolean> {
  return (await schemaDrift(paths)) === null;
}

function messages(feedback: { message: string }[]): string[] {
  return feedback.map((item) => item.message);
}

/** Keeps migration folder names portable and shell-friendly. */
function slug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
