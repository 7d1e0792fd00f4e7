import { z } from "zod";
import { currencyCode, minorUnits } from "./money.ts";
import { cursorPageInput } from "./pagination.ts";
import { queryBoolean } from "./query.ts";
import { recordVersion } from "./record-version.ts";

export const productId = z.string().min(1).max(64);

export const sku = z
  .string()
  .trim()
  .min(1, "Enter a SKU")
  .max(64, "At most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, '.', '_' and '-' only");

/** Without defaults: a default inside an update patch would overwrite a field the caller never sent. */
const productFields = {
  sku,
  name: z.string().trim().min(1, "Enter a name").max(200, "At most 200 characters"),
  description: z.string().trim().max(2000, "At most 2,000 characters"),
  priceMinor: minorUnits,
  currency: currencyCode,
  stock: z.number().int("Whole units only").min(0, "Must not be negative").max(1_000_000_000),
};

export const createProductInput = z.object({
  ...productFields,
  description: productFields.description.default(""),
  stock: productFields.stock.default(0),
});

/** Only the fields sent change; `version` is the one the client read, so a stale edit is refused. */
export const updateProductInput = z.object({
  id: productId,
  version: recordVersion,
  patch: z
    .object(productFields)
    .partial()
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to update"),
});

/** A product at or below this many units is running low: the dashboard lists it, `lowStock` filters for it. */
export const LOW_STOCK_THRESHOLD = 10;

export const listProductsInput = cursorPageInput.extend({
  search: z.string().trim().max(100).optional(),
  includeArchived: queryBoolean.default(false),
  lowStock: queryBoolean.default(false),
});

export const productByIdInput = z.object({ id: productId });

export type CreateProductInput = z.infer<typeof createProductInput>;
export type UpdateProductInput = z.infer<typeof updateProductInput>;
export type ListProductsInput = z.infer<typeof listProductsInput>;
