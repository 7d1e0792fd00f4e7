import type { Prisma } from "@tally/db";

export const recentOrderSelect = {
  id: true,
  status: true,
  currency: true,
  totalMinor: true,
  createdAt: true,
  customer: { select: { id: true, name: true } },
} satisfies Prisma.OrderSelect;
