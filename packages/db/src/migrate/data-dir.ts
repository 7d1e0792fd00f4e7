import { currentOwner, pgdataDir, releaseClaim, tryClaim } from "../embedded/claim.ts";

/**
 * Migration commands open the embedded database directly, so they take the
 * same claim the app takes: a starting app waits for them, and they refuse to
 * run while an app holds the folder.
 */
export function claimDataDir(dataDir: string): () => void {
  while (!tryClaim(dataDir)) {
    const owner = currentOwner(dataDir);
    if (owner)
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${owner.pid}; stop it first.`,
      );
  }
  return () => releaseClaim(dataDir);
}

export const embeddedDatabaseDir = pgdataDir;
