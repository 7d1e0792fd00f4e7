import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { PrismaClient } from "./client.ts";
import { findRepoRoot } from "./env.ts";

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Ready to serve: the database answers and every migration in
 * prisma/migrations has been applied to it. A process started against an
 * unmigrated database reports why instead of failing its first request.
 */
export async function checkReadiness(
  prisma: PrismaClient,
  migrationsDir = join(findRepoRoot(), "prisma", "migrations"),
): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      reason: /_prisma_migrations/.test(message) ? "no migrations applied" : "database unreachable",
    };
  }
  const expected = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const pending = expected.filter((name) => !applied.has(name));
  return pending.length === 0
    ? { ready: true }
    : { ready: false, reason: `pending migrations: ${pending.join(", ")}` };
}
