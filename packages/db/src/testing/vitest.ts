/**
 * Vitest projects that run the same files twice: on the embedded PostgreSQL
 * server (the default Tally ships, PostgreSQL 18) and on the PostgreSQL server
 * TALLY_TEST_POSTGRES_URL names (15 on these machines); a database per file,
 * made from a migrated template.
 */
export const TEST_POSTGRES_URL =
  process.env.TALLY_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** `postgresOnly`: files that run only in the PostgreSQL server project (listed, not skipped). */
export function databaseProjects({ postgresOnly = [] }: { postgresOnly?: string[] } = {}) {
  return [
    {
      extends: true,
      test: {
        name: "embedded",
        env: { TEST_DATABASE_URL: "" },
        exclude: ["**/node_modules/**", "**/dist/**", ...postgresOnly],
      },
    },
    { extends: true, test: { name: "postgres", env: { TEST_DATABASE_URL: TEST_POSTGRES_URL } } },
  ];
}
