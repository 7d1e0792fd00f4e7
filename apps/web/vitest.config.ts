import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    // The end-to-end suite seeds a database and starts `next start` before its first test.
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
