import { describe, expect, test } from "vitest";
import { signPaymentEvent, verifyPaymentSignature } from "./payment-signature.ts";

const secret = "signature-test-secret-0123456789abcdef";
const body = new TextEncoder().encode('{"id":"evt_1","type":"payment.succeeded","data":{}}');
const at = 1_800_000_000;

const verify = (header: string | null, now = at, rawBody = body) =>
  verifyPaymentSignature({ header, rawBody, secret, toleranceSeconds: 300, now });

describe("payment webhook signatures", () => {
  test("a signature made with the shared secret verifies, up to the tolerance on either side", () => {
    const header = signPaymentEvent(secret, body, at);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verify(header)).toEqual({ valid: true, timestamp: at });
    expect(verify(header, at + 300)).toMatchObject({ valid: true });
    expect(verify(header, at - 300)).toMatchObject({ valid: true });
    expect(verify(header, at + 301)).toEqual({ valid: false, problem: "stale" });
    expect(verify(header, at - 301)).toEqual({ valid: false, problem: "stale" });
  });

  test("the signature covers every byte of the body and the timestamp", () => {
    const header = signPaymentEvent(secret, body, at);
    const changed = new Uint8Array(body);
    changed[changed.length - 2] = 0x20;
    expect(verify(header, at, changed)).toEqual({ valid: false, problem: "mismatch" });
    expect(verify(header.replace(`t=${at}`, `t=${at + 1}`))).toEqual({ valid: false, problem: "mismatch" });
    expect(verify(signPaymentEvent(`${secret}x`, body, at))).toEqual({ valid: false, problem: "mismatch" });
  });

  test("any one of several v1 signatures may match (secret rotation); other schemes are ignored", () => {
    const current = signPaymentEvent(secret, body, at).split(",")[1];
    const previous = signPaymentEvent("the-previous-secret-0123456789abcdef", body, at).split(",")[1];
    expect(verify(`t=${at},${previous},${current}`)).toMatchObject({ valid: true });
    expect(verify(`t=${at}, v0=abc, ${current}`)).toMatchObject({ valid: true });
    expect(verify(`t=${at},${previous}`)).toEqual({ valid: false, problem: "mismatch" });
  });

  test.each([
    ["", "missing"],
    ["v1=abc", "malformed"],
    [`t=${at}`, "malformed"],
    [`t=${at},v1=not-hex`, "malformed"],
    [`t=${at},t=${at},v1=${"0".repeat(64)}`, "malformed"],
    [`t=soon,v1=${"0".repeat(64)}`, "malformed"],
    ["garbage", "malformed"],
  ])("the header %j is %s", (header, problem) => {
    expect(verify(header || null)).toEqual({ valid: false, problem });
  });
});
