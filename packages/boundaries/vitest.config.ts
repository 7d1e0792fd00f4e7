import { defineConfig } from "vitest/config";

// Each check starts dependency-cruiser in a process of its own: seconds, more on a loaded machine.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } });
