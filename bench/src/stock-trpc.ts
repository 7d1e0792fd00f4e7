// apps/server built against @trpc/server exactly as published, without
// Tally's patch (patches/, docs/decisions/003-express-lane.md): the official
// adapter as issue 7 measured it, next to the patched one and the lane. The
// patch is reversed on a copy of the installed package, and the copy is
// bundled in place of it. Only the bench builds this; nothing ships it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { build, type Plugin } from "esbuild";
import { serverBuildOptions } from "../../apps/server/build-options.mjs";
import { repoRoot } from "./server-process.ts";

/** The bundle's path inside apps/server, where its external packages resolve. */
export const STOCK_TRPC_BUNDLE = "dist/stock-trpc.js";

export async function buildServerWithStockTrpc(): Promise<void> {
  // Outside the repository: inside it, git apply would skip paths outside its working tree's layout.
  const workDir = mkdtempSync(`${tmpdir()}/tally-stock-trpc-`);
  const copy = `${workDir}/node_modules/@trpc/server`;
  mkdirSync(copy, { recursive: true });
  cpSync(realpathSync(`${repoRoot}/apps/server/node_modules/@trpc/server`), copy, { recursive: true });

  const patch = readdirSync(`${repoRoot}/patches`).find((name) => name.startsWith("@trpc__server@"));
  if (!patch) throw new Error("no @trpc/server patch in patches/");
  const patchPath = `${repoRoot}/patches/${patch}`;
  execFileSync("git", ["apply", "--reverse", patchPath], { cwd: copy });
  const patched = [...readFileSync(patchPath, "utf8").matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
  if (patched.some((file) => readFileSync(`${copy}/${file}`, "utf8").includes("Patched by Tally")))
    throw new Error("the @trpc/server patch was not reversed");

  const stockTrpc: Plugin = {
    name: "stock-trpc",
    setup(plugin) {
      plugin.onResolve({ filter: /^@trpc\/server(\/.*)?$/ }, (args) =>
        args.pluginData === "stock-trpc"
          ? undefined
          : plugin.resolve(args.path, { kind: args.kind, resolveDir: workDir, pluginData: "stock-trpc" }),
      );
    },
  };
  await build({
    ...serverBuildOptions,
    outfile: `${repoRoot}/apps/server/${STOCK_TRPC_BUNDLE}`,
    sourcemap: false,
    plugins: [stockTrpc],
  });
}
