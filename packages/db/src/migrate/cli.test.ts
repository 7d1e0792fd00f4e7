import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";
import { findRepoRoot } from "../env.ts";

// The CLI finds the repository from its working directory, so a copy of
// prisma/ beside a pnpm-workspace.yaml is a repository it will check.
const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
// Resolved here because the copy has no node_modules of its own.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
let repo: string;

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), "tally-check-"));
  await writeFile(join(repo, "pnpm-workspace.yaml"), "packages: []\n");
  await cp(join(findRepoRoot(), "prisma"), join(repo, "prisma"), { recursive: true });
});
afterEach(() => rm(repo, { recursive: true, force: true }));

function dbCheck() {
  return spawnSync(process.execPath, ["--import", tsx, cli, "check"], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: "" },
    encoding: "utf8",
  });
}

test("db:check passes when schema.prisma and the migrations agree", () => {
  const result = dbCheck();
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

test("db:check fails, naming the difference, when the schema changes without a migration", async () => {
  const schema = join(repo, "prisma", "schema.prisma");
  await writeFile(schema, `${await readFile(schema, "utf8")}\nmodel Warehouse {\n  id String @id\n}\n`);
  const result = dbCheck();
  expect(result.status).toBe(1);
  expect(result.stdout + result.stderr).toContain("Warehouse");
});

test("db:reset refuses to run in production, and a bad variable is one line naming it", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", tsx, cli, "reset"], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: "", ...env },
      encoding: "utf8",
    });
  const production = run({ NODE_ENV: "production" });
  expect(production.status).toBe(1);
  expect(production.stderr).toBe("error: reset refuses to run with NODE_ENV=production\n");

  const bad = run({ TALLY_MIGRATE_DEBUG: "maybe" });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/^error: Invalid configuration: TALLY_MIGRATE_DEBUG: [^\n]+\n$/);
});
