import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The app's own `@/…` imports, as tsconfig.json maps them.
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    // The end-to-end suite seeds a database and starts `next start` before its first test.
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
