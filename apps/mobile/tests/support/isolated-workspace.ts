import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));

/** The packages whose source the mobile typecheck reads and that a probe may edit. */
const COPIED = ["apps/mobile", "packages/client", "packages/api"] as const;
const NOT_SOURCE = new Set(["node_modules", "dist", ".expo", ".turbo"]);

export type IsolatedWorkspace = {
  root: string;
  /** `tsc --noEmit` in the copied mobile app: the errors reported in its own files. */
  typecheckMobile(): { mobileErrors: string[]; output: string };
  dispose(): void;
};

/**
 * A throwaway copy of the mobile app and the packages its types come from, so
 * a test can change `packages/api` without touching the real files that other
 * suites are reading. Installed dependencies are linked, not copied: each
 * `node_modules` entry points at the real package, except the copied
 * workspace packages, which point at their copies.
 */
export function isolatedWorkspace(): IsolatedWorkspace {
  const root = mkdtempSync(join(tmpdir(), "tally-mobile-typecheck-"));
  cpSync(join(repoRoot, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  for (const pkg of COPIED) {
    cpSync(join(repoRoot, pkg), join(root, pkg), {
      recursive: true,
      filter: (source) => !NOT_SOURCE.has(source.split("/").at(-1) ?? ""),
    });
  }
  linkDependencies(root, "apps/mobile");
  linkDependencies(root, "packages/client");
  // Nothing the API depends on leads back to the copied packages: its real node_modules will do.
  symlinkSync(join(repoRoot, "packages/api/node_modules"), join(root, "packages/api/node_modules"));

  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
  return {
    root,
    typecheckMobile() {
      const run = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false"], {
        cwd: join(root, "apps/mobile"),
        encoding: "utf8",
      });
      const output = `${run.stdout}${run.stderr}`;
      // Errors elsewhere (another package's work in progress) are not this test's business.
      const mobileErrors = output
        .split("\n")
        .filter((line) => /^[^.\s].*\(\d+,\d+\): error TS\d+/.test(line));
      return { mobileErrors, output };
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

function linkDependencies(root: string, pkg: string) {
  const realModules = join(repoRoot, pkg, "node_modules");
  for (const entry of listModules(realModules)) {
    if (entry === ".bin") continue;
    const copied = COPIED.find(
      (candidate) => realpathSync(join(realModules, entry)) === join(repoRoot, candidate),
    );
    const target = copied ? join(root, copied) : realpathSync(join(realModules, entry));
    const link = join(root, pkg, "node_modules", entry);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link);
  }
}

/** `react`, `@tally/api`: one entry per installed package, scopes opened. */
function listModules(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) =>
    name.startsWith("@") ? readdirSync(join(dir, name)).map((inner) => `${name}/${inner}`) : [name],
  );
}
