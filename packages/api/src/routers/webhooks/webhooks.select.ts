import type { Prisma } from "@tally/db";

/** An endpoint as admins see it: never its secret (shown once, at creation). */
export const webhookEndpointSelect = {
  id: true,
  url: true,
  eventKinds: true,
  description: true,
  consecutiveFailures: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

/** The delivery log: status, attempts, the last answer and the next try; not the body. */
export const webhookDeliverySelect = {
  id: true,
  eventId: true,
  eventKind: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} satisfies Prisma.WebhookDeliverySelect;

export type WebhookEndpointView = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointSelect }>;
export type WebhookDeliveryView = Prisma.WebhookDeliveryGetPayload<{ select: typeof webhookDeliverySelect }>;
