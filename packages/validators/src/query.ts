import { z } from "zod";

/**
 * A boolean that also arrives as "true" / "false" in a query string (REST,
 * the CSV download). Not `z.coerce.boolean()`, which reads "false" as true.
 */
export const queryBoolean = z
  .preprocess((value) => (value === "true" ? true : value === "false" ? false : value), z.boolean())
  .meta({ override: { type: "boolean" } });
