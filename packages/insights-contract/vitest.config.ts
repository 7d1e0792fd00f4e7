import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each suite starts the Python service; importing scikit-learn takes a few seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
