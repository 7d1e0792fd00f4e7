import { z } from "zod";

/**
 * Building blocks of the output schemas (`.output()`) of procedures exposed
 * over REST. Objects are strict, so a field added to a `select` without its
 * schema fails the procedure's tests instead of vanishing from responses.
 * Dates are Dates to tRPC (superjson) and ISO 8601 strings over REST (JSON).
 */
export const timestamp = z.date().meta({ override: { type: "string", format: "date-time" } });
export const money = z.number().int().describe("An amount in minor units of the currency (cents for USD)");
export const currency = z.string().length(3).describe("ISO 4217 code");

export function cursorPage<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last"),
  });
}
