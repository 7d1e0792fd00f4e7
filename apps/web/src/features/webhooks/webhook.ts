import type { RouterOutputs } from "@tally/api";
import type { EventKind } from "@tally/validators";

export type WebhookEndpoint = RouterOutputs["webhooks"]["endpoints"]["list"][number];
export type WebhookDelivery = RouterOutputs["webhooks"]["deliveries"]["list"]["items"][number];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  "order.created": "An order is created",
  "order.placed": "An order is placed",
  "order.cancelled": "An order is cancelled",
  "order.fulfilled": "An order is fulfilled",
  "order.paid": "An order is paid",
  "invoice.issued": "An invoice is issued",
  "invoice.paid": "An invoice is paid",
  "invoice.voided": "An invoice is voided",
  "payment.received": "A payment arrives (or fails)",
  "stock.changed": "A product's stock changes",
  "report.progress": "A report moves on",
  "member.removed": "A member is removed",
};

export const DELIVERY_STATUS_LABELS: Record<WebhookDelivery["status"], string> = {
  pending: "Pending",
  succeeded: "Delivered",
  failed: "Failed",
  abandoned: "Abandoned",
};

/** The delivery log refreshes this often while the page is open: deliveries are not events of their own. */
export const DELIVERY_LOG_POLL_MS = 3_000;

/** What the list says of an endpoint's state, and why it is off when it is. */
export function endpointState(endpoint: Pick<WebhookEndpoint, "disabledAt" | "disabledReason">): {
  enabled: boolean;
  label: string;
} {
  if (!endpoint.disabledAt) return { enabled: true, label: "Enabled" };
  return { enabled: false, label: `Disabled: ${endpoint.disabledReason ?? "no reason recorded"}` };
}

/** The receiver's last answer in words: its HTTP status, the network's error, or nothing yet. */
export function lastAnswer(
  delivery: Pick<WebhookDelivery, "lastStatusCode" | "lastError" | "attempts">,
): string {
  if (delivery.attempts === 0) return "not tried yet";
  if (delivery.lastStatusCode !== null && delivery.lastError)
    return `${delivery.lastStatusCode}: ${delivery.lastError}`;
  if (delivery.lastStatusCode !== null) return String(delivery.lastStatusCode);
  return delivery.lastError ?? "no answer recorded";
}

/** A refusal stays a refusal: asking again only delays showing it. */
export function retryUnlessRefused(
  failureCount: number,
  error: { data?: { code?: string } | null },
): boolean {
  const code = error.data?.code;
  if (code === "FORBIDDEN" || code === "UNAUTHORIZED" || code === "NOT_FOUND") return false;
  return failureCount < 3;
}

/** A refused load in words a reader can act on; the server's own message follows. */
export function loadRefusal(error: { message: string; data?: { code?: string } | null }): string {
  if (error.data?.code === "FORBIDDEN")
    return `Only admins and owners manage this organisation's webhooks (${error.message}).`;
  return error.message;
}
