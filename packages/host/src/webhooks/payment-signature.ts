/**
 * The payment provider's webhook signature, Stripe's scheme: the header
 * `Tally-Signature: t=<unix seconds>,v1=<hex>` carries HMAC-SHA256 of
 * `${t}.${rawBody}` under the shared secret. The timestamp is signed, so an
 * old delivery cannot be passed off as new; the tolerance window bounds how
 * long a captured request stays replayable (the event id catches the rest).
 * While the provider rotates its secret it sends one v1 per secret, and any
 * one matching is enough. The tests and the test-event script sign with
 * `signPaymentEvent`, so they speak exactly what the receiver checks.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "tally-signature";

export type SignatureProblem = "missing" | "malformed" | "mismatch" | "stale";
export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; problem: SignatureProblem };

const TIMESTAMP = /^\d{1,12}$/;
const V1 = /^[0-9a-f]{64}$/;

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The header value for `rawBody` signed at `timestamp` (default: now). */
export function signPaymentEvent(secret: string, rawBody: string | Uint8Array, timestamp = nowInSeconds()) {
  return `t=${timestamp},v1=${digest(secret, timestamp, rawBody).toString("hex")}`;
}

export function verifyPaymentSignature({
  header,
  rawBody,
  secret,
  toleranceSeconds,
  now = nowInSeconds(),
}: {
  header: string | null;
  rawBody: Uint8Array;
  secret: string;
  toleranceSeconds: number;
  now?: number;
}): SignatureCheck {
  if (!header) return { valid: false, problem: "missing" };
  const parsed = parseHeader(header);
  if (!parsed) return { valid: false, problem: "malformed" };
  const expected = digest(secret, parsed.timestamp, rawBody);
  // timingSafeEqual: how long a comparison takes must not tell an attacker how many bytes were right.
  const matches = parsed.signatures.some((candidate) => timingSafeEqual(expected, candidate));
  if (!matches) return { valid: false, problem: "mismatch" };
  // Both directions: a timestamp from the future is as suspect as one from the past.
  if (Math.abs(now - parsed.timestamp) > toleranceSeconds) return { valid: false, problem: "stale" };
  return { valid: true, timestamp: parsed.timestamp };
}

function digest(secret: string, timestamp: number, rawBody: string | Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** Exactly one `t`, at least one well-formed `v1`; other schemes (v0, …) are ignored, as Stripe does. */
function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | null {
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const separator = part.indexOf("=");
    if (separator < 0) return null;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === "t") {
      if (timestamp !== null || !TIMESTAMP.test(value)) return null;
      timestamp = Number(value);
    } else if (name === "v1" && V1.test(value)) {
      signatures.push(Buffer.from(value, "hex"));
    }
  }
  return timestamp !== null && signatures.length > 0 ? { timestamp, signatures } : null;
}
