import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    // The browser test starts the API server and Chromium; the typecheck probe runs tsc twice.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
