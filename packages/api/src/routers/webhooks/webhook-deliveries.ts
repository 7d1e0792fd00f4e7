import type { PrismaClient } from "@tally/db";
import type { WebhooksConfig } from "../../config.ts";

/** What a worker needs to send one delivery: the body exactly as it will be signed. */
export type PendingDelivery = {
  id: string;
  organizationId: string;
  url: string;
  secret: string;
  eventId: string;
  eventKind: string;
  body: string;
};

export type AttemptOutcome = {
  ok: boolean;
  statusCode: number | null;
  /** The receiver's status or the network's error, in words; never a header or a body. */
  error: string | null;
};

/**
 * The delivery a job names, if it still has to go: not yet delivered, its
 * endpoint still there and enabled. One disabled meanwhile abandons it.
 */
export async function deliveryToSend(
  db: PrismaClient,
  { organizationId, deliveryId }: { organizationId: string; deliveryId: string },
): Promise<PendingDelivery | null> {
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, organizationId },
    select: {
      id: true,
      status: true,
      eventId: true,
      eventKind: true,
      payload: true,
      endpoint: { select: { url: true, secret: true, disabledAt: true } },
    },
  });
  if (delivery?.status !== "pending") return null;
  if (delivery.endpoint.disabledAt) {
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: "abandoned", nextAttemptAt: null },
    });
    return null;
  }
  return {
    id: delivery.id,
    organizationId,
    url: delivery.endpoint.url,
    secret: delivery.endpoint.secret,
    eventId: delivery.eventId,
    eventKind: delivery.eventKind,
    body: JSON.stringify(delivery.payload),
  };
}

/**
 * Logs one attempt on the delivery and its endpoint, together. A success
 * resets the endpoint's run of failures; a failure that makes the run reach
 * the configured length disables the endpoint (its other deliveries are then
 * abandoned as their jobs come up).
 */
export async function recordDeliveryAttempt(
  db: PrismaClient,
  deliveryId: string,
  outcome: AttemptOutcome & { lastTry: boolean; nextAttemptAt: Date | null },
  { disableAfterFailures }: Pick<WebhooksConfig, "disableAfterFailures">,
): Promise<{ endpointDisabled: boolean }> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: { increment: 1 },
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        lastAttemptAt: now,
        status: outcome.ok ? "succeeded" : outcome.lastTry ? "failed" : "pending",
        deliveredAt: outcome.ok ? now : null,
        nextAttemptAt: outcome.ok || outcome.lastTry ? null : outcome.nextAttemptAt,
      },
      select: { endpointId: true },
    });
    if (outcome.ok) {
      await tx.webhookEndpoint.update({
        where: { id: delivery.endpointId },
        data: { consecutiveFailures: 0 },
      });
      return { endpointDisabled: false };
    }
    const endpoint = await tx.webhookEndpoint.update({
      where: { id: delivery.endpointId },
      data: { consecutiveFailures: { increment: 1 } },
      select: { consecutiveFailures: true, disabledAt: true },
    });
    if (endpoint.disabledAt || endpoint.consecutiveFailures < disableAfterFailures)
      return { endpointDisabled: false };
    await tx.webhookEndpoint.update({
      where: { id: delivery.endpointId },
      data: {
        disabledAt: now,
        disabledReason: `${endpoint.consecutiveFailures} failed delivery attempts in a row`,
      },
    });
    return { endpointDisabled: true };
  });
}
