import { z } from "zod";

/**
 * A boolean that also arrives as "true" / "false" in a query string (REST,
 * the CSV download). Not `z.coerce.boolean()`, which reads "false" as true.
 */
export const queryBoolean = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .pipe(z.transform((value) => value === true || value === "true"))
  .meta({ override: { type: "boolean" } });
