import { readinessResponse } from "@tally/host";
import { servedBy } from "@/server/runtime";

/** Readiness: the database answers and is fully migrated (packages/host/src/health). */
export const GET = servedBy(
  ({ db }) =>
    () =>
      readinessResponse(db),
);
