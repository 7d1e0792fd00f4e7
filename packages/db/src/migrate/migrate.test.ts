import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { enginesVersion } from "@prisma/engines-version";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testServerUrl } from "../testing/index.ts";
import { TEST_POSTGRES_URL } from "../testing/vitest.ts";
import { defaultMigrationsDir, defaultSchemaPath } from "./files.ts";
import {
  checkSchemaInSync,
  deployMigrations,
  type MigrationTarget,
  migrateDev,
  migrationStatus,
  schemaDrift,
} from "./index.ts";

const TABLES_SQL = `
  SELECT table_name, column_name, data_type, is_nullable, column_default
  FROM information_schema.columns WHERE table_schema = 'public'
  ORDER BY table_name, ordinal_position`;
const INDEXES_SQL =
  "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname";

const scratchName = `tally_migrate_test_${randomBytes(4).toString("hex")}`;
const scratchUrl = withDatabase(TEST_POSTGRES_URL, scratchName);
let pglite: PGlite;
let postgres: pg.Client;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tally-migrate-"));
  pglite = await PGlite.create();
  await adminQuery(`CREATE DATABASE ${scratchName}`);
  postgres = new pg.Client(scratchUrl);
  await postgres.connect();
});

afterAll(async () => {
  await pglite?.close();
  await postgres?.end();
  await adminQuery(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
  await rm(tmp, { recursive: true, force: true });
});

const targets: [string, () => MigrationTarget][] = [
  ["PGlite", () => ({ kind: "pglite", db: pglite })],
  ["PostgreSQL", () => ({ kind: "postgres", url: scratchUrl })],
];

describe.each(targets)("deploy on %s", (_, target) => {
  test("applies every migration once, and status follows", async () => {
    const all = await migrationNames(defaultMigrationsDir);
    expect(all.length).toBeGreaterThan(0);
    expect(await migrationStatus(target())).toMatchObject({ applied: [], pending: all });
    expect(await deployMigrations(target())).toEqual(all);
    expect(await deployMigrations(target())).toEqual([]);
    expect(await migrationStatus(target())).toEqual({
      applied: all,
      pending: [],
      unknown: [],
      failed: [],
      edited: [],
    });
  });
});

test("PGlite and PostgreSQL end up with the same tables and indexes", async () => {
  for (const [, target] of targets) await deployMigrations(target());
  for (const sql of [TABLES_SQL, INDEXES_SQL]) {
    expect((await pglite.query(sql)).rows).toEqual((await postgres.query(sql)).rows);
  }
  expect((await postgres.query(TABLES_SQL)).rowCount).toBeGreaterThan(0);
});

test("a broken migration fails deploy on PGlite and is not recorded as applied", async () => {
  const migrationsDir = join(tmp, "broken");
  await writeMigration(
    migrationsDir,
    "20000101000000_broken",
    "CREATE TABLE half (id int);\nSELECT no_such_column;",
  );
  const db = await PGlite.create();
  try {
    const target: MigrationTarget = { kind: "pglite", db };
    await expect(deployMigrations(target, { migrationsDir })).rejects.toThrow(/no_such_column/);
    expect(await migrationStatus(target, { migrationsDir })).toMatchObject({
      applied: [],
      failed: ["20000101000000_broken"],
    });
    // The script ran as one statement batch, so its first half was rolled back too.
    expect((await db.query("SELECT to_regclass('half') AS t")).rows).toEqual([{ t: null }]);
  } finally {
    await db.close();
  }
});

// PostgreSQL 15 (the server) and 18 (the embedded default): 18 lists NOT NULL
// constraints in pg_constraint, which the engine reads while it diffs.
const devServers: [string, () => Promise<string>][] = [
  ["PostgreSQL on 127.0.0.1:5432", async () => TEST_POSTGRES_URL],
  ["the embedded PostgreSQL server", () => testServerUrl("")],
];

test.each(devServers)(
  "migrateDev on %s applies pending migrations, authors one for a schema change, then has nothing to do",
  async (_, server) => {
    const serverUrl = await server();
    const migrationsDir = join(tmp, `dev-migrations-${randomBytes(3).toString("hex")}`);
    await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
    const schemaPath = await schemaWithProbe();
    const name = `${scratchName}_dev_${randomBytes(3).toString("hex")}`;
    const target: MigrationTarget = { kind: "postgres", url: withDatabase(serverUrl, name) };
    await adminQuery(`CREATE DATABASE ${name}`, serverUrl);
    try {
      const first = await migrateDev(target, "add drift probe", { schemaPath, migrationsDir });
      expect(first.created).toMatch(/^\d{14}_add_drift_probe$/);
      expect(first.applied).toEqual(await migrationNames(migrationsDir));
      expect(await readFile(join(migrationsDir, `${first.created}`, "migration.sql"), "utf8")).toContain(
        'CREATE TABLE "DriftProbe"',
      );
      expect(await migrateDev(target, "again", { schemaPath, migrationsDir })).toEqual({
        applied: [],
        created: null,
        warnings: [],
      });
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, serverUrl);
    }
  },
);

describe("checkSchemaInSync", () => {
  test("is true for the repository's schema and migrations", async () => {
    expect(await checkSchemaInSync()).toBe(true);
  });

  test("is false, naming the drift, when schema.prisma has a model the migrations lack", async () => {
    const schemaPath = await schemaWithProbe();
    expect(await checkSchemaInSync({ schemaPath })).toBe(false);
    expect(await schemaDrift({ schemaPath })).toContain("DriftProbe");
  });
});

test("the schema engine wasm is built from the engines commit Prisma pins", async () => {
  const bindings = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const { version } = JSON.parse(await readFile(join(dirname(bindings), "package.json"), "utf8")) as {
    version: string;
  };
  expect(version.endsWith(`.${enginesVersion}`) || version.endsWith(`-${enginesVersion}`)).toBe(true);
});

/** The repository's schema plus a model no migration creates. */
async function schemaWithProbe(): Promise<string> {
  const schemaPath = join(tmp, "schema.prisma");
  const schema = await readFile(defaultSchemaPath, "utf8");
  await writeFile(schemaPath, `${schema}\nmodel DriftProbe {\n  id String @id\n}\n`);
  return schemaPath;
}

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function writeMigration(migrationsDir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(migrationsDir, name), { recursive: true });
  await writeFile(join(migrationsDir, name, "migration.sql"), sql);
  await writeFile(join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string, serverUrl = TEST_POSTGRES_URL): Promise<void> {
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
