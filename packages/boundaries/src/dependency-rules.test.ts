/**
 * The dependency rules (.dependency-cruiser.cjs at the root) fail on what they
 * forbid: each rule gets a planted violation in a throwaway tree laid out like
 * the repository, checked by the same command `pnpm deps` runs, and must fail
 * with a message naming that rule. The real tree is checked by `pnpm deps`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allowedImports, type Fixture, plantedViolations } from "./planted-violations.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const rulesFile = join(repoRoot, ".dependency-cruiser.cjs");
// The package exports no bin path; its folder holds the command `pnpm deps` runs.
const depcruise = join(
  fileURLToPath(import.meta.resolve("dependency-cruiser")),
  "../../../bin/dependency-cruiser.mjs",
);
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function check(fixture: Fixture) {
  const root = mkdtempSync(join(tmpdir(), "tally-deps-"));
  folders.push(root);
  for (const [path, content] of Object.entries(fixture)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const scanned = ["apps", "packages"].filter((top) =>
    Object.keys(fixture).some((path) => path.startsWith(`${top}/`)),
  );
  const run = spawnSync(
    process.execPath,
    [depcruise, ...scanned, "--config", rulesFile, "--output-type", "err-long"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const ruleNames: string[] = createRequire(import.meta.url)(rulesFile).forbidden.map(
  (rule: { name: string }) => rule.name,
);

// One tree holding every planted violation (each in a file of its own), checked once: the tool is slow to start.
const everyViolation: Fixture = Object.assign({}, ...plantedViolations.map(({ fixture }) => fixture));
let planted: ReturnType<typeof check>;
beforeAll(() => {
  planted = check(everyViolation);
});

describe("each dependency rule fails on a planted violation, naming the rule", () => {
  test("the check fails", () => {
    expect(planted.status, planted.output).not.toBe(0);
  });

  test.each(plantedViolations)("$rule: $file", ({ rule, file }) => {
    expect(planted.output).toMatch(new RegExp(`error ${rule}: ${file.replaceAll(".", "\\.")} → `));
  });

  test("every rule in the rules file has a planted violation here", () => {
    expect(new Set(plantedViolations.map(({ rule }) => rule))).toEqual(new Set(ruleNames));
  });

  test("one violation on its own is enough to fail, with the rule's name and its reason", () => {
    const [first] = plantedViolations;
    const alone = check(first!.fixture);
    expect(alone.status, alone.output).not.toBe(0);
    expect(alone.output).toContain(`error ${first!.rule}: ${first!.file} → packages/host/src/index.ts`);
    expect(alone.output.replaceAll(/\s+/g, " ")).toContain("HTTP belongs in packages/host");
  });
});

test("imports the rules allow pass: layers used downwards, the API's types in the mobile app", () => {
  const { status, output } = check(allowedImports);
  expect(output).toContain("no dependency violations found");
  expect(status).toBe(0);
});
