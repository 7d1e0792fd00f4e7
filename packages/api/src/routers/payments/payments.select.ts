import type { Prisma } from "@tally/db";

export const paymentSelect = {
  id: true,
  provider: true,
  providerPaymentId: true,
  status: true,
  amountMinor: true,
  currency: true,
  receivedAt: true,
  invoice: { select: { id: true, number: true } },
} satisfies Prisma.PaymentSelect;

export type PaymentView = Prisma.PaymentGetPayload<{ select: typeof paymentSelect }>;
