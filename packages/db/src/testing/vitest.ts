/**
 * Vitest projects that run the same files once on an in-memory PGlite copy and
 * once on PostgreSQL (a database per file, made from a migrated template).
 */
export const TEST_POSTGRES_URL =
  process.env.TALLY_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** `postgresOnly`: files that run only in the PostgreSQL project (listed, not skipped). */
export function databaseProjects({ postgresOnly = [] }: { postgresOnly?: string[] } = {}) {
  return [
    {
      extends: true,
      test: {
        name: "pglite",
        env: { TEST_DATABASE_URL: "" },
        exclude: ["**/node_modules/**", "**/dist/**", ...postgresOnly],
      },
    },
    { extends: true, test: { name: "postgres", env: { TEST_DATABASE_URL: TEST_POSTGRES_URL } } },
  ];
}
