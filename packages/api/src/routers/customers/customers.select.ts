import type { Prisma } from "@tally/db";

export const customerSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  address: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.CustomerSelect;

export type CustomerView = Prisma.CustomerGetPayload<{ select: typeof customerSelect }>;
