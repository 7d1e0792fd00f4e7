import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each suite starts the Python service (see startupTimeoutMs in src/testing/insights-service.ts).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
