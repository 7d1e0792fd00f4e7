import { z } from "zod";

/** Integer minor units (cents); the cap keeps sums of many lines inside a 32-bit column. */
export const minorUnits = z
  .number({ error: "Enter an amount" })
  .int("Use whole minor units (cents)")
  .min(0, "Must not be negative")
  .max(100_000_000, "Must be at most 100,000,000 minor units");

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 code, e.g. USD");
