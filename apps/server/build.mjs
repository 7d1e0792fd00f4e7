// Bundles the server into dist/index.js and the worker into dist/worker.js (options in build-options.mjs).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { serverBuildOptions } from "./build-options.mjs";

await build({ ...serverBuildOptions, outfile: "dist/index.js" });
await build({
  ...serverBuildOptions,
  entryPoints: [fileURLToPath(new URL("src/worker.ts", import.meta.url))],
  outfile: "dist/worker.js",
});
