/**
 * Sends outgoing webhooks: a `webhooks.deliver` job's delivery, POSTed as
 * JSON and signed with the scheme Tally accepts from its payment provider
 * (payment-signature.ts: `Tally-Signature: t=<unix seconds>,v1=<HMAC-SHA256
 * of "t.body">` under the endpoint's secret), so a partner verifies it the
 * way Tally verifies its provider. The rules decide what is pending and log
 * each attempt (packages/api webhooks); this file only speaks HTTP.
 */
import { type LookupAddress, lookup as systemLookup } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
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
  /** How names are resolved (the system's resolver; a test brings its own to play a rebinding DNS). */
  resolve?: Resolve;
};

/** `dns.lookup` with `all: true`: every address a name has. */
export type Resolve = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const resolveWithSystem: Resolve = (hostname, callback) => systemLookup(hostname, { all: true }, callback);

/** About when pg-boss tries again after `retryCount` failures (exponential backoff, capped). */
export function nextTryAfter(retryCount: number, now = Date.now()): Date {
  return new Date(now + Math.min(retryDelayMax, retryDelay * 2 ** retryCount) * 1000);
}

export function webhookDeliveryHandler({
  db,
  config,
  log,
  timeoutMs = 10_000,
  resolve = resolveWithSystem,
}: OutgoingWebhookOptions): JobHandler<"webhooks.deliver"> {
  return async (job) => {
    const delivery = await deliveryToSend(db, job.data);
    if (!delivery) return;
    const outcome = await send(delivery, { config, timeoutMs, resolve });
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

type Delivery = { id: string; url: string; secret: string; eventId: string; eventKind: string; body: string };
type SendOptions = { config: WebhooksConfig; timeoutMs: number; resolve: Resolve };
type Outcome = { ok: boolean; statusCode: number | null; error: string | null };

/** Why a connection was not made: the destination's addresses are not allowed. */
class DestinationRefused extends Error {}

/**
 * One POST, redirects not followed. The name is resolved once, by the
 * connection itself, and every address it resolves to is checked before any
 * is dialled: a public name pointed at a private address since it was
 * registered is refused, and so is one that answers a public address to a
 * check and a private one to the connection (DNS rebinding), since there is
 * no second lookup.
 */
function send(delivery: Delivery, { config, timeoutMs, resolve }: SendOptions): Promise<Outcome> {
  const url = new URL(delivery.url);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  // A literal address is dialled as it is, without a lookup: it is checked here instead.
  if (isIP(host) && !addressAllowed(host, host, config))
    return Promise.resolve(failure(null, "the destination resolves to a private address"));
  const checkedLookup: LookupFunction = (hostname, options, callback) =>
    resolve(hostname, (error, addresses) => {
      if (error || addresses.length === 0)
        return callback(error ?? new Error(`cannot resolve ${hostname}`), "", 0);
      if (!addresses.every(({ address }) => addressAllowed(address, host, config)))
        return callback(new DestinationRefused(), "", 0);
      const wanted = addresses.filter(({ family }) => !options.family || family === options.family);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, wanted);
      const first = wanted[0];
      if (!first) return callback(new Error(`no address of family ${options.family} for ${hostname}`), "", 0);
      callback(null, first.address, first.family);
    });
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Outcome>((settle) => {
    const outgoing = request(
      url,
      {
        method: "POST",
        lookup: checkedLookup,
        // A connection of its own: one kept alive from an earlier delivery would skip the check.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(delivery.body),
          "user-agent": "Tally-Webhooks/1",
          [WEBHOOK_HEADERS.signature]: signPaymentEvent(delivery.secret, delivery.body),
          [WEBHOOK_HEADERS.eventId]: delivery.eventId,
          [WEBHOOK_HEADERS.eventKind]: delivery.eventKind,
          [WEBHOOK_HEADERS.deliveryId]: delivery.id,
        },
      },
      (response) => {
        response.resume(); // the answer's body is not read: its status says it all
        const status = response.statusCode ?? 0;
        settle(
          status >= 200 && status < 300
            ? { ok: true, statusCode: status, error: null }
            : failure(status, `the receiver answered ${status}`),
        );
      },
    );
    outgoing.on("error", (error) => {
      settle(
        error instanceof DestinationRefused
          ? failure(null, "the destination resolves to a private address")
          : error.name === "AbortError"
            ? failure(null, `no answer within ${timeoutMs} ms`)
            : "code" in error && error.code === "ENOTFOUND"
              ? failure(null, `cannot resolve ${host}`)
              : failure(null, "connection failed"),
      );
    });
    outgoing.end(delivery.body);
  });
}

const failure = (statusCode: number | null, error: string): Outcome => ({ ok: false, statusCode, error });
