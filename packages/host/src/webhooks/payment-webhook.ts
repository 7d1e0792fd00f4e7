import { randomUUID } from "node:crypto";
import { type EventFeed, logger, paymentEventEnvelope, receivePaymentEvent } from "@tally/api";
import type { PrismaClient } from "@tally/db";
import type { Queue } from "@tally/jobs";
import { jsonResponse, readBodyWithin } from "../fetch/responses.ts";
import { SIGNATURE_HEADER, type SignatureProblem, verifyPaymentSignature } from "./payment-signature.ts";
import type { PaymentsWebhookConfig } from "./payments-config.ts";

/** Provider events are small; anything bigger is not one of them. */
const MAX_BODY_BYTES = 64 * 1024;

const REFUSALS: Record<SignatureProblem, string> = {
  missing: `Missing ${SIGNATURE_HEADER} header`,
  malformed: `Malformed ${SIGNATURE_HEADER} header`,
  mismatch: "Signature does not match",
  stale: "Signature timestamp outside the tolerance window",
};

export type PaymentWebhookOptions = {
  db: PrismaClient;
  config: PaymentsWebhookConfig;
  /** Receipts for payments that settle an invoice are queued here. */
  queue?: Queue | null;
  /** Woken once an event is applied, so subscribers see the payment at once. */
  events?: Pick<EventFeed, "changed"> | null;
};

/**
 * The payment provider's webhook, for either host: fetch Request in, Response
 * out. 400 means nothing was recorded and is for deliveries that are not
 * authentic (or not events at all); every authentic event gets 200 with its
 * outcome, so the provider stops retrying it. One log line per delivery:
 * ids, type, outcome, never the body or the signature.
 */
export function createPaymentWebhookHandler({
  db,
  config,
  queue = null,
  events = null,
}: PaymentWebhookOptions) {
  return async function receivePaymentWebhook(request: Request): Promise<Response> {
    const started = performance.now();
    const requestId = randomUUID();
    const log = logger.child({ requestId, route: "webhooks.payments" });
    const done = (
      status: number,
      fields: Record<string, unknown>,
      body: unknown,
      headers?: Record<string, string>,
    ) => {
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      log[status >= 500 ? "error" : "info"]({ status, durationMs, ...fields }, "webhook");
      return jsonResponse(status, body, headers);
    };

    if (request.method !== "POST") return done(405, {}, { error: "Use POST" }, { allow: "POST" });
    const rawBody = await readBodyWithin(request, MAX_BODY_BYTES);
    // The rest of an oversized body is never read, so the connection cannot carry another request.
    if (!rawBody)
      return done(
        413,
        {},
        { error: `A webhook body is at most ${MAX_BODY_BYTES} bytes` },
        { connection: "close" },
      );

    const signature = verifyPaymentSignature({
      header: request.headers.get(SIGNATURE_HEADER),
      rawBody,
      secret: config.secret,
      toleranceSeconds: config.toleranceSeconds,
    });
    if (!signature.valid) {
      return done(400, { refused: signature.problem }, { error: REFUSALS[signature.problem] });
    }

    const event = paymentEventEnvelope.safeParse(parseJson(rawBody));
    if (!event.success) return done(400, { refused: "not-an-event" }, { error: "Not an event" });

    const { id: eventId, type } = event.data;
    try {
      const result = await receivePaymentEvent(db, event.data, requestId, queue);
      if (result.outcome === "applied") events?.changed();
      return done(200, { eventId, type, ...result }, { received: true, ...result });
    } catch (error) {
      // Nothing was committed; a 500 makes the provider deliver the event again later.
      return done(500, { eventId, type, err: error }, { error: "Internal server error" });
    }
  };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
