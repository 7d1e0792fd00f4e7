import type { Prisma } from "@tally/db";

/** What a product looks like to every client. */
export const productSelect = {
  id: true,
  sku: true,
  name: true,
  description: true,
  priceMinor: true,
  currency: true,
  stock: true,
  version: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProductSelect;

export type ProductView = Prisma.ProductGetPayload<{ select: typeof productSelect }>;
