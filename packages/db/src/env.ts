import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

/** The folder holding pnpm-workspace.yaml, found from the working directory. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
  return dir;
}

export const databaseEnv = z.object({
  DATABASE_URL: z
    .url()
    .refine(
      (url) => /^postgres(ql)?:\/\//.test(url),
      "must be a postgresql:// URL (leave it unset for the embedded database)",
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TALLY_DATA_DIR: z.string().min(1).optional(),
});

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "embedded"; dataDir: string; poolSize?: number };

/** DATABASE_URL set → PostgreSQL; unset → the embedded database in TALLY_DATA_DIR (default `.data/`). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const parsed = databaseEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid ${String(issue?.path[0] ?? "database configuration")}: ${issue?.message}`);
  }
  const { DATABASE_URL, TALLY_DATA_DIR } = parsed.data;
  if (DATABASE_URL) return { kind: "postgres", url: DATABASE_URL };
  return { kind: "embedded", dataDir: resolve(findRepoRoot(), TALLY_DATA_DIR ?? ".data") };
}
