import type { Prisma } from "@tally/db";
import { type EventKind, eventKind } from "@tally/validators";

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

type WebhookEndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointSelect }>;
type WebhookDeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof webhookDeliverySelect }>;
export type WebhookEndpointView = Omit<WebhookEndpointRow, "eventKinds"> & { eventKinds: EventKind[] };
export type WebhookDeliveryView = Omit<WebhookDeliveryRow, "eventKind"> & { eventKind: EventKind };

/**
 * Kinds are text in the database; only kinds the validators allow are ever
 * written, and reading them back as such gives partners an enum, not a string.
 */
export function endpointView(row: WebhookEndpointRow): WebhookEndpointView {
  return { ...row, eventKinds: eventKind.array().parse(row.eventKinds) };
}

export function deliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
  return { ...row, eventKind: eventKind.parse(row.eventKind) };
}
