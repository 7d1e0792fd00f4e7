import { z } from "zod";

/**
 * A client-chosen key (a UUID, say) that makes a retry safe: the same key
 * returns the first result instead of acting twice. Also accepted as the
 * `Idempotency-Key` header.
 */
export const idempotencyKey = z
  .string()
  .trim()
  .min(8, "At least 8 characters")
  .max(128, "At most 128 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "Letters, digits and _ . : - only");

export const withIdempotencyKey = { idempotencyKey: idempotencyKey.optional() };
