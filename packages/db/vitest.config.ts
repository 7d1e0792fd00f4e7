import { defineConfig } from "vitest/config";

// A fresh PGlite takes seconds to initialise, well past vitest's 5 s default.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
