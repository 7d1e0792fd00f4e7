import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where `pnpm --filter @tally/mobile export` (a turbo dependency of `test`) writes the app. */
export const distDir = fileURLToPath(new URL("../../dist", import.meta.url));

export type ExportedBundle = {
  platform: "android" | "web";
  file: string;
  bytes: Buffer;
  /** Every module Metro put in the bundle, from its source map. */
  modules: string[];
};

export function exportedBundles(platform: ExportedBundle["platform"]): ExportedBundle[] {
  const dir = join(distDir, "_expo/static/js", platform);
  if (!existsSync(dir)) {
    throw new Error(`No ${platform} export in ${distDir}: run \`pnpm --filter @tally/mobile export\` first`);
  }
  const code = readdirSync(dir).filter((name) => /\.(js|hbc)$/.test(name));
  return code.map((name) => {
    const mapFile = join(dir, `${name}.map`);
    if (!existsSync(mapFile)) throw new Error(`${name} has no source map: export with --source-maps`);
    const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[] };
    return { platform, file: join(dir, name), bytes: readFileSync(join(dir, name)), modules: map.sources };
  });
}
