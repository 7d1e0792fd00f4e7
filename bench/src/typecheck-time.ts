import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./server-process.ts";

/**
 * Wall time of the whole monorepo's typecheck, uncached, as `pnpm test` runs it: turbo's root `//#typecheck`
 * (scripts/typecheck.mjs: one tsc program per set of compiler options, docs/decisions/018-typecheck-programs.md).
 * `--only` leaves out db:generate, so the figure is tsc's alone.
 */
export async function measureTypecheck(): Promise<{ millis: number; ok: boolean }> {
  const started = performance.now();
  const ok = await promisify(execFile)(
    `${repoRoot}/node_modules/.bin/turbo`,
    ["run", "typecheck", "--force", "--only", "--output-logs=errors-only"],
    { cwd: repoRoot, timeout: 300_000 },
  ).then(
    () => true,
    () => false,
  );
  return { millis: performance.now() - started, ok };
}
