import { z } from "zod";
import { currency, cursorPage, money, timestamp } from "../../output.ts";

export const productOutput = z
  .strictObject({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    priceMinor: money,
    currency,
    stock: z.number().int(),
    version: z.number().int(),
    archivedAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Product" });

export const productPageOutput = cursorPage(productOutput).meta({ id: "ProductPage" });
