/**
 * `pnpm typecheck` checks the monorepo as a few tsc programs, one per set of
 * compiler options (scripts/typecheck-programs.json), not one per workspace.
 * That is only as strict as before while each workspace's files sit in a
 * program with exactly the options of the workspace's own tsconfig.json (the
 * one editors use), and no program takes in a file under options its workspace
 * does not have. A new workspace, a changed include or an option added to one
 * workspace fails here until the programs follow.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
const programs: string[] = JSON.parse(
  readFileSync(join(repoRoot, "scripts/typecheck-programs.json"), "utf8"),
);

type Resolved = { config: string; options: string; files: Set<string> };

/** The same text for the same options, whatever order tsc prints their keys in (nested ones too). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** tsc's own view of a tsconfig (extends applied, include expanded): the options and the root files. */
async function resolve(config: string): Promise<Resolved> {
  const { stdout } = await promisify(execFile)(process.execPath, [tsc, "--showConfig", "-p", config], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  const shown: { compilerOptions: Record<string, unknown>; files: string[] } = JSON.parse(stdout);
  const folder = dirname(join(repoRoot, config));
  return {
    config,
    options: canonical(shown.compilerOptions),
    files: new Set(shown.files.map((file) => relative(repoRoot, join(folder, file)))),
  };
}

const workspaceFolders = ["apps", "packages"]
  .flatMap((top) => readdirSync(join(repoRoot, top)).map((name) => `${top}/${name}`))
  .concat("bench");
const typecheckedWorkspaces = workspaceFolders.filter((folder) => {
  const manifest = join(repoRoot, folder, "package.json");
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.typecheck;
});

let resolvedPrograms: Resolved[];
let resolvedWorkspaces: Resolved[];
beforeAll(async () => {
  [resolvedPrograms, resolvedWorkspaces] = await Promise.all([
    Promise.all(programs.map(resolve)),
    Promise.all(typecheckedWorkspaces.map((folder) => resolve(`${folder}/tsconfig.json`))),
  ]);
});

describe("the typecheck programs cover every workspace under its own compiler options", () => {
  test("the sixteen workspaces with a typecheck script are all found", () => {
    expect(typecheckedWorkspaces).toHaveLength(16);
    expect(typecheckedWorkspaces).toEqual(expect.arrayContaining(["apps/web", "apps/mobile", "bench"]));
  });

  test("each workspace's files are all in one program with the same options", () => {
    const uncovered = resolvedWorkspaces.flatMap((workspace) => {
      const program = resolvedPrograms.find((candidate) => candidate.options === workspace.options);
      if (!program) return [`${workspace.config}: no program has its compiler options`];
      const missing = [...workspace.files].filter((file) => !program.files.has(file));
      return missing.map((file) => `${workspace.config}: ${file} is not in ${program.config}`);
    });
    expect(uncovered).toEqual([]);
  });

  test("no program takes in a file its workspace checks under other options", () => {
    const strays = resolvedPrograms.flatMap((program) => {
      const sameOptions = resolvedWorkspaces.filter((workspace) => workspace.options === program.options);
      return [...program.files]
        .filter((file) => !sameOptions.some((workspace) => workspace.files.has(file)))
        .map((file) => `${program.config}: ${file}`);
    });
    expect(strays).toEqual([]);
  });

  test("the programs' option sets differ, so none could be folded into another", () => {
    expect(new Set(resolvedPrograms.map((program) => program.options)).size).toBe(programs.length);
  });
});
