import { databaseProjects } from "@tally/db/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    env: { NODE_ENV: "test" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two built servers over one database: the conformance test covers the lane on both engines already.
    projects: databaseProjects({ postgresOnly: ["src/express-lane-differential.test.ts"] }),
  },
});
