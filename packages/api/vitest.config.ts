import { databaseProjects } from "@tally/db/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    env: { NODE_ENV: "test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: databaseProjects(),
  },
});
