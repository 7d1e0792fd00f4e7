/**
 * Sends outgoing webhooks: a `webhooks.deliver` job's delivery, POSTed as
 * JSON and signed with the scheme Tally accepts from its payment provider
 * (payment-signature.ts: `Tally-Signature: t=<unix seconds>,v1=<HMAC-SHA256
 * of "t.body">` under the endpoint's secret), so a partner verifies it the
 * way Tally verifies its provider. The rules decide what is pending and log
 * each attempt (packages/api webhooks); this file only speaks HTTP.
 */
import { lookup } from "node:dns/promises";
import {
  addressAllowed,
  deliveryToSend,
  type Logger,
  recordDeliveryAttempt,
  type WebhooksConfig,
} from "@tally/api";
import type { PrismaClient } from "@tally/db";
import { type JobHandler, jobCatalogue } from "@tally/jobs";
import { SIGNATURE_HEADER, signPaymentEvent } from "./payment-signature.ts";

const { retryLimit = 0, retryDelay = 10, retryDelayMax = 3600 } = jobCatalogue["webhooks.deliver"].options;

export const WEBHOOK_HEADERS = {
  signature: SIGNATURE_HEADER,
  eventId: "tally-event-id",
  eventKind: "tally-event-kind",
  deliveryId: "tally-delivery-id",
} as const;

export type OutgoingWebhookOptions = {
  db: PrismaClient;
  config: WebhooksConfig;
  log: Logger;
  /** One attempt's deadline; a receiver should answer fast and do its work later. */
  timeoutMs?: number;
};

/** About when pg-boss tries again after `retryCount` failures (exponential backoff, capped). */
export function nextTryAfter(retryCount: number, now = Date.now()): Date {
  return new Date(now + Math.min(retryDelayMax, retryDelay * 2 ** retryCount) * 1000);
}

export function webhookDeliveryHandler({
  db,
  config,
  log,
  timeoutMs = 10_000,
}: OutgoingWebhookOptions): JobHandler<"webhooks.deliver"> {
  return async (job) => {
    const delivery = await deliveryToSend(db, job.data);
    if (!delivery) return;
    const outcome = await send(delivery, config, timeoutMs);
    const lastTry = job.retryCount >= retryLimit;
    const { endpointDisabled } = await recordDeliveryAttempt(
      db,
      delivery.id,
      { ...outcome, lastTry, nextAttemptAt: nextTryAfter(job.retryCount) },
      config,
    );
    log.info(
      {
        job: job.id,
        delivery: delivery.id,
        kind: delivery.eventKind,
        status: outcome.statusCode,
        ok: outcome.ok,
      },
      "webhook delivery",
    );
    // A failed attempt fails the job, so the queue tries again with its backoff.
    if (!outcome.ok && !lastTry && !endpointDisabled)
      throw new Error(`webhook delivery failed: ${outcome.error}`);
  };
}

async function send(
  delivery: { id: string; url: string; secret: string; eventId: string; eventKind: string; body: string },
  config: WebhooksConfig,
  timeoutMs: number,
) {
  const url = new URL(delivery.url);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  // Checked again here: a public name may have been pointed at a private address since it was registered.
  const addresses = await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return failure(null, `cannot resolve ${host}`);
  if (!addresses.every(({ address }) => addressAllowed(address, host, config)))
    return failure(null, "the destination resolves to a private address");
  try {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Tally-Webhooks/1",
        [WEBHOOK_HEADERS.signature]: signPaymentEvent(delivery.secret, delivery.body),
        [WEBHOOK_HEADERS.eventId]: delivery.eventId,
        [WEBHOOK_HEADERS.eventKind]: delivery.eventKind,
        [WEBHOOK_HEADERS.deliveryId]: delivery.id,
      },
      body: delivery.body,
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300)
      return { ok: true, statusCode: response.status, error: null };
    return failure(response.status, `the receiver answered ${response.status}`);
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : "connection failed";
    return failure(null, reason);
  }
}

const failure = (statusCode: number | null, error: string) => ({ ok: false, statusCode, error });
