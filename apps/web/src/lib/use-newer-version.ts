import { useState } from "react";
import type { ServerProblem } from "./issues";

type Versioned = { version: number };

/**
 * Optimistic locking for an edit form: after a refused save, finds out whether
 * someone else saved a newer version. A CONFLICT can also mean something else
 * (a taken SKU, say), so the latest version is offered only when it really moved on.
 */
export function useNewerVersion<Latest extends Versioned>(
  editing: Versioned,
  fetchLatest: () => Promise<Latest>,
) {
  const [newerVersion, setNewerVersion] = useState<Latest | null>(null);

  async function checkForNewer(problem: ServerProblem) {
    if (problem.code !== "CONFLICT") return;
    const latest = await fetchLatest().catch(() => null);
    if (latest && latest.version !== editing.version) setNewerVersion(latest);
  }

  return { newerVersion, checkForNewer };
}
