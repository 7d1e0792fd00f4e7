import { databaseProjects } from "@tally/db/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    env: { NODE_ENV: "test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The crash tests start the API in another process, on the test database's URL: the PGlite copy has none.
    projects: databaseProjects({ postgresOnly: ["src/idempotency.crash.test.ts"] }),
  },
});
