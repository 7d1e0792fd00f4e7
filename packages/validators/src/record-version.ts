import { z } from "zod";

/**
 * The version of a record the client last read: an edit of an older one is
 * refused. Bounded by the column (a 32-bit integer), so a number no record
 * can have is a BAD_REQUEST on `version`, not a failed query.
 */
export const recordVersion = z
  .number()
  .int("Whole numbers only")
  .min(1, "At least 1")
  .max(2_147_483_647, "Not a version a record can have");
