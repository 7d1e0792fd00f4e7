// Bundles the server and the workspace packages it uses into dist/index.js.
// Packages that load their own wasm or data files at run time stay external.
import { build } from "esbuild";

await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  sourcemap: true,
  packages: "bundle",
  external: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@prisma/schema-engine-wasm",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "pino",
  ],
  banner: {
    // Bundled CommonJS dependencies still call require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
