import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./server-process.ts";

/** Wall time of every workspace's `tsc --noEmit`, uncached, as turbo runs them (in parallel). */
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
