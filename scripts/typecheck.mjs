#!/usr/bin/env node
// `pnpm typecheck` (and turbo's `//#typecheck` in `pnpm test`): the whole monorepo in four tsc programs, one
// per set of compiler options, instead of one program per workspace. Every workspace's program re-checked the
// shared packages it reaches (packages/api alone in seven of them); a program per option set checks them once
// per set, with the options each workspace's own tsconfig.json gives them (docs/decisions/018-typecheck-programs.md).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// Each of these tsconfigs includes exactly the files of the workspaces whose compiler options it repeats
// (server, api, … under tsconfig.node.json; auth, client, contract, bench under tsconfig.dom.json; web and
// mobile alone): packages/boundaries/src/typecheck-programs.test.ts keeps them in step with the workspaces.
const programs = JSON.parse(readFileSync(join(root, "scripts/typecheck-programs.json"), "utf8"));

// One checker per program, and as many programs at once as there are cores: tsc's default of four checkers
// each build their own copy of the big types (the tRPC router, better-auth, Prisma), which took 2.2× the CPU
// for the node program on two cores, while a second program beside the first used the second core better.
const jobs = Math.max(1, Number(process.env.TALLY_TYPECHECK_JOBS) || availableParallelism());
const tsc = join(root, "node_modules/.bin/tsc");

function check(project) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(tsc, ["--noEmit", "--checkers", "1", "-p", project], { cwd: root });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => resolve({ project, ok: false, output: String(error), millis: 0 }));
    child.on("close", (code) =>
      resolve({ project, ok: code === 0, output, millis: performance.now() - started }),
    );
  });
}

const queue = [...programs];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const result = await check(project);
      // Printed whole when it ends, so two programs' errors never interleave.
      process.stdout.write(
        `${result.ok ? "ok  " : "FAIL"} ${project} (${(result.millis / 1000).toFixed(1)} s)\n${result.output}`,
      );
      results.push(result);
    }
  }),
);
const failed = results.filter((result) => !result.ok);
if (failed.length > 0) {
  process.stderr.write(`typecheck failed: ${failed.map((result) => result.project).join(", ")}\n`);
  process.exit(1);
}
