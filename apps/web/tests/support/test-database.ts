import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { repoRoot } from "./paths";

const run = promisify(execFile);

export type TestDatabase = {
  /** The environment a process needs to use this database and nothing else. */
  env: NodeJS.ProcessEnv;
  /** Its postgresql:// URL, for a test that writes rows in bulk or runs a worker on it. */
  url: string;
  /** What was created, for failure messages. */
  description: string;
  /** A postgresql:// URL of this database, for tests that check figures with SQL of their own. */
  databaseUrl(): Promise<string>;
  dispose(): Promise<void>;
};

/**
 * A database of its own for one test run, seeded with the demo organisation:
 * a fresh PostgreSQL database when TEST_DATABASE_URL names a server, else a
 * fresh embedded one in a temporary folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = process.env.TEST_DATABASE_URL
    ? await createPostgresDatabase(process.env.TEST_DATABASE_URL)
    : await createEmbeddedDatabase();
  try {
    // The seed starts the embedded server when there is none; the web app joins it.
    await runRootScript("db:seed", database.env);
    if (!database.url) database.url = (await runRootScript("db:url", database.env)).trim();
  } catch (error) {
    await database.dispose();
    throw error;
  }
  return database;
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "tally-web-e2e-"));
  const { DATABASE_URL: _useEmbedded, ...env } = process.env;
  return {
    env: { ...env, TALLY_DATA_DIR: dataDir },
    url: "", // known once the seed has started the server
    description: `embedded database in ${dataDir}`,
    databaseUrl: () => embeddedDatabaseUrl(dataDir),
    async dispose() {
      // The embedded server outlives the processes that used it: stop it before removing its folder.
      await runRootScript("stop", { ...env, TALLY_DATA_DIR: dataDir });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `tally_web_e2e_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    env: { ...process.env, DATABASE_URL: url.toString() },
    url: url.toString(),
    description: `PostgreSQL database ${name}`,
    databaseUrl: async () => url.toString(),
    dispose: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
  try {
    await runRootScript("db:migrate", database.env);
  } catch (error) {
    await database.dispose();
    throw error;
  }
  return database;
}

async function onServer(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function runRootScript(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await run("pnpm", ["--silent", script], { cwd: repoRoot, env })).stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`pnpm ${script} failed:\n${stdout}${stderr}`);
  }
}

/**
 * Where the embedded server of `dataDir` listens: its credentials file and
 * the port on line 4 of PostgreSQL's own postmaster.pid (read once the seed
 * has started it).
 */
async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  const { user, password, database } = JSON.parse(await readFile(join(dataDir, "embedded.json"), "utf8")) as {
    user: string;
    password: string;
    database: string;
  };
  const port = Number((await readFile(join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[3]);
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}
