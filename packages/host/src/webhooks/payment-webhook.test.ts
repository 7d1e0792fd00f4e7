import {
  type BillingOrganisation,
  billingOrganisation,
  createTestApi,
  type TestApi,
  UNIT_PRICE_MINOR,
} from "@tally/api/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SIGNATURE_HEADER, signPaymentEvent } from "./payment-signature.ts";
import { signedDelivery, type TestPaymentEventOptions, testPaymentEvent } from "./payment-test-events.ts";
import { createPaymentWebhookHandler } from "./payment-webhook.ts";

const SECRET = "webhook-test-secret-0123456789abcdef";
const TOLERANCE_SECONDS = 300;

let api: TestApi;
let receive: (request: Request) => Promise<Response>;
let acme: BillingOrganisation;
beforeAll(async () => {
  api = await createTestApi();
  receive = createPaymentWebhookHandler({
    db: api.db,
    config: { secret: SECRET, toleranceSeconds: TOLERANCE_SECONDS },
  });
  acme = await billingOrganisation(api);
});
afterAll(() => api?.close());

const now = () => Math.floor(Date.now() / 1000);

function post(body: string, headers: Record<string, string>) {
  return receive(new Request("http://tally.test/api/webhooks/payments", { method: "POST", body, headers }));
}

/** A delivery signed as the provider signs it. */
async function deliver(
  event: unknown,
  { secret = SECRET, timestamp }: { secret?: string; timestamp?: number } = {},
) {
  const { body, headers } = signedDelivery(secret, event, timestamp);
  const response = await post(body, headers);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const pay = (options: TestPaymentEventOptions) => deliver(testPaymentEvent(options));

/** Everything a delivery could change, for proving that a refused one changed nothing. */
async function state(invoiceId: string) {
  const invoice = await api.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  const order = await api.db.order.findUniqueOrThrow({ where: { id: invoice.orderId } });
  return {
    invoice,
    order,
    payments: await api.db.payment.findMany({ where: { invoiceId } }),
    events: await api.db.webhookEvent.count(),
    audit: await api.db.auditEvent.count({ where: { organizationId: invoice.organizationId } }),
  };
}

describe("a delivery that is not provably from the provider is refused with 400 and changes nothing", () => {
  const signed = (raw: string, timestamp?: number, secret = SECRET) => ({
    [SIGNATURE_HEADER]: signPaymentEvent(secret, raw, timestamp),
  });
  /** Each case turns a genuine event body into what an attacker (or a broken proxy) sends. */
  const cases: Array<[string, (raw: string) => { body?: string; headers: Record<string, string> }, RegExp]> =
    [
      ["no signature header", () => ({ headers: {} }), /Missing/],
      [
        "a header that is not t=…,v1=…",
        () => ({ headers: { [SIGNATURE_HEADER]: "sha256=abc" } }),
        /Malformed/,
      ],
      [
        "signed with another secret",
        (raw) => ({ headers: signed(raw, undefined, `${SECRET}-guess`) }),
        /match/,
      ],
      [
        "a body changed after signing",
        (raw) => ({ body: raw.replace('"amountMinor":1000', '"amountMinor":9000'), headers: signed(raw) }),
        /match/,
      ],
      [
        "a signature older than the tolerance",
        (raw) => ({ headers: signed(raw, now() - TOLERANCE_SECONDS - 5) }),
        /tolerance/,
      ],
      [
        "a signature from the future",
        (raw) => ({ headers: signed(raw, now() + TOLERANCE_SECONDS + 5) }),
        /tolerance/,
      ],
      [
        "an old signature with its timestamp replaced by a fresh one",
        (raw) => {
          const old = signed(raw, now() - 3600)[SIGNATURE_HEADER];
          return { headers: { [SIGNATURE_HEADER]: old.replace(/^t=\d+/, `t=${now()}`) } };
        },
        /match/,
      ],
    ];

  test.each(cases)("%s", async (_name, attack, error) => {
    const invoice = await acme.issuedInvoice();
    const before = await state(invoice.id);
    const raw = JSON.stringify(testPaymentEvent({ invoiceId: invoice.id, amountMinor: 1000 }));
    const { body = raw, headers } = attack(raw);

    const response = await post(body, headers);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(error) });
    expect(await state(invoice.id)).toEqual(before);
  });

  test("a signed body that is not an event is refused too", async () => {
    const invoice = await acme.issuedInvoice();
    const before = await state(invoice.id);
    const raw = "not json";
    const response = await post(raw, { [SIGNATURE_HEADER]: signPaymentEvent(SECRET, raw) });
    expect(response.status).toBe(400);
    expect(await state(invoice.id)).toEqual(before);
  });

  test("an oversized body is refused before it is read whole", async () => {
    const raw = "x".repeat(65 * 1024);
    const response = await post(raw, { [SIGNATURE_HEADER]: signPaymentEvent(SECRET, raw) });
    expect(response.status).toBe(413);
  });
});

describe("payment.succeeded", () => {
  test("while the provider rotates its secret, a delivery signed with the old and the new one is accepted", async () => {
    const invoice = await acme.issuedInvoice();
    const { body } = signedDelivery(SECRET, testPaymentEvent({ invoiceId: invoice.id, amountMinor: 1000 }));
    const timestamp = now();
    const old = signPaymentEvent("the-previous-secret-0123456789abcdef", body, timestamp);
    const current = signPaymentEvent(SECRET, body, timestamp).split(",")[1];
    const response = await post(body, { [SIGNATURE_HEADER]: `${old},${current}` });
    expect(response.status).toBe(200);
    expect((await state(invoice.id)).invoice.status).toBe("paid");
  });

  test("a partial payment, then the rest: the invoice and its order are paid, every step audited with no actor", async () => {
    const invoice = await acme.issuedInvoice({ quantity: 3 });
    expect(await pay({ invoiceId: invoice.id, amountMinor: 1000 })).toEqual({
      status: 200,
      body: { received: true, outcome: "applied" },
    });
    const partly = await acme.caller.invoices.get({ id: invoice.id });
    expect(partly).toMatchObject({ status: "issued", paidMinor: 1000, order: { status: "placed" } });

    await pay({ invoiceId: invoice.id, amountMinor: 2000 });
    const paid = await acme.caller.invoices.get({ id: invoice.id });
    expect(paid).toMatchObject({ status: "paid", paidMinor: 3000, paidAt: expect.any(Date) });
    expect(paid.payments).toHaveLength(2);
    expect((await acme.caller.orders.get({ id: invoice.order.id })).status).toBe("paid");

    // Rows written in one transaction share a timestamp, so compare them as a set.
    const targets = [invoice.id, invoice.order.id, ...paid.payments.map((payment) => payment.id)];
    const audit = await api.db.auditEvent.findMany({
      where: {
        targetId: { in: targets },
        action: { in: ["payment.succeeded", "payment.failed", "invoice.paid", "order.paid"] },
      },
      select: { action: true, actorUserId: true },
    });
    expect(audit.map((event) => `${event.action} by ${event.actorUserId ?? "the system"}`).sort()).toEqual([
      "invoice.paid by the system",
      "order.paid by the system",
      "payment.succeeded by the system",
      "payment.succeeded by the system",
    ]);
  });

  test("an over-payment is recorded in full and shows as paid above the total", async () => {
    const invoice = await acme.issuedInvoice();
    await pay({ invoiceId: invoice.id, amountMinor: UNIT_PRICE_MINOR + 250 });
    await pay({ invoiceId: invoice.id, amountMinor: 100 }); // after it was paid: still money received
    const read = await acme.caller.invoices.get({ id: invoice.id });
    expect(read).toMatchObject({
      status: "paid",
      totalMinor: UNIT_PRICE_MINOR,
      paidMinor: UNIT_PRICE_MINOR + 350,
    });
    expect(read.payments).toHaveLength(2);
  });

  test("a replayed event is answered 200 and does nothing a second time", async () => {
    const invoice = await acme.issuedInvoice({ quantity: 2 });
    const event = testPaymentEvent({ invoiceId: invoice.id, amountMinor: 500 });
    expect((await deliver(event)).body).toMatchObject({ outcome: "applied" });
    const after = await state(invoice.id);

    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
    expect(await state(invoice.id)).toEqual(after);
    expect(after.invoice.paidMinor).toBe(500);
  });

  test("concurrent deliveries of one event have one effect", async () => {
    const invoice = await acme.issuedInvoice({ quantity: 2 });
    const event = testPaymentEvent({ invoiceId: invoice.id, amountMinor: 700 });
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));

    expect(results.map((result) => result.status)).toEqual(Array(10).fill(200));
    const outcomes = results.map((result) => result.body.outcome).sort();
    expect(outcomes).toEqual(["applied", ...Array(9).fill("duplicate")]);
    const after = await state(invoice.id);
    expect(after.invoice.paidMinor).toBe(700);
    expect(after.payments).toHaveLength(1);
  });

  test("one payment reported under two event ids is counted once", async () => {
    const invoice = await acme.issuedInvoice({ quantity: 2 });
    await pay({ invoiceId: invoice.id, amountMinor: 400, paymentId: "pay_twice_reported" });
    expect(
      (await pay({ invoiceId: invoice.id, amountMinor: 400, paymentId: "pay_twice_reported" })).body,
    ).toEqual({ received: true, outcome: "ignored", reason: "payment already recorded as succeeded" });
    expect((await state(invoice.id)).invoice.paidMinor).toBe(400);
  });

  test("concurrent payments for one invoice all count", async () => {
    const invoice = await acme.issuedInvoice({ quantity: 10 });
    await Promise.all(Array.from({ length: 10 }, () => pay({ invoiceId: invoice.id, amountMinor: 1000 })));
    const after = await state(invoice.id);
    expect(after.invoice).toMatchObject({ paidMinor: 10_000, status: "paid" });
    expect(after.order.status).toBe("paid");
  });
});

describe("a payment racing a void", () => {
  test("either the payment lands and the void is refused, or the invoice is void and the payment rejected", async () => {
    const invoices = await Promise.all(Array.from({ length: 8 }, () => acme.issuedInvoice()));
    await Promise.allSettled(
      invoices.flatMap((invoice) => [
        acme.caller.invoices.void({ invoiceId: invoice.id }),
        pay({ invoiceId: invoice.id, amountMinor: invoice.totalMinor }),
      ]),
    );
    for (const invoice of invoices) {
      const { invoice: after, payments } = await state(invoice.id);
      if (after.status === "void")
        expect({ paidMinor: after.paidMinor, payments }).toEqual({ paidMinor: 0, payments: [] });
      else
        expect({ status: after.status, payments: payments.length }).toEqual({ status: "paid", payments: 1 });
    }
  });
});

describe("payment.failed", () => {
  test("is recorded and audited without touching the balance; the same payment succeeding later counts", async () => {
    const invoice = await acme.issuedInvoice();
    const failed = await pay({
      invoiceId: invoice.id,
      amountMinor: 1000,
      type: "payment.failed",
      paymentId: "pay_retried",
    });
    expect(failed.body).toMatchObject({ outcome: "applied" });
    let after = await state(invoice.id);
    expect(after.invoice).toMatchObject({ status: "issued", paidMinor: 0 });
    expect(after.payments).toEqual([expect.objectContaining({ status: "failed", amountMinor: 1000 })]);
    const audit = await api.db.auditEvent.findFirstOrThrow({ where: { targetId: after.payments[0]!.id } });
    expect(audit).toMatchObject({ action: "payment.failed", actorUserId: null });

    await pay({ invoiceId: invoice.id, amountMinor: 1000, paymentId: "pay_retried" });
    after = await state(invoice.id);
    expect(after.invoice).toMatchObject({ status: "paid", paidMinor: 1000 });
    expect(after.payments).toEqual([expect.objectContaining({ status: "succeeded" })]);
  });
});

describe("authentic events Tally cannot use are answered 200 and kept for an operator", () => {
  test("an unknown event type is recorded as ignored", async () => {
    const event = { id: "evt_unknown_type", type: "customer.updated", data: { anything: true } };
    expect(await deliver(event)).toEqual({
      status: 200,
      body: { received: true, outcome: "ignored", reason: "unhandled event type" },
    });
    expect(await api.db.webhookEvent.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({
      type: "customer.updated",
      outcome: "ignored",
    });
  });

  test.each([
    ["an unknown invoice", () => ({ invoiceId: "inv_missing" }), "unknown invoice"],
    ["another currency", () => ({ currency: "EUR" }), "currency mismatch: invoice is in USD, payment in EUR"],
    ["a malformed amount", () => ({ amountMinor: -5 }), "invalid data: amountMinor"],
  ])(
    "a payment for %s is rejected: recorded, no payment, balance untouched",
    async (_name, change, reason) => {
      const invoice = await acme.issuedInvoice();
      const before = await state(invoice.id);
      const event = testPaymentEvent({ invoiceId: invoice.id, amountMinor: 1000, ...change() });
      const result = await deliver(event);
      expect(result).toEqual({
        status: 200,
        body: { received: true, outcome: "rejected", reason: expect.stringContaining(reason) },
      });
      const after = await state(invoice.id);
      expect({ ...after, events: before.events, audit: before.audit }).toEqual(before);
      expect(await api.db.webhookEvent.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({
        outcome: "rejected",
        reason: expect.stringContaining(reason),
      });
    },
  );

  test("a payment for a void invoice is rejected and audited in its organisation", async () => {
    const invoice = await acme.issuedInvoice();
    await acme.caller.invoices.void({ invoiceId: invoice.id });
    const result = await pay({ invoiceId: invoice.id, amountMinor: 1000 });
    expect(result.body).toEqual({ received: true, outcome: "rejected", reason: "invoice is void" });
    expect((await state(invoice.id)).payments).toEqual([]);
    expect(
      await api.db.auditEvent.findFirstOrThrow({
        where: { targetId: invoice.id, action: "payment.rejected" },
      }),
    ).toMatchObject({ actorUserId: null, organizationId: acme.id });
  });
});

describe("payments.list", () => {
  test("an admin sees the organisation's payments newest first, by invoice, one page at a time; no one else's", async () => {
    const billing = await billingOrganisation(api, "Payer Co");
    const other = await billingOrganisation(api, "Other Co");
    const first = await billing.issuedInvoice({ quantity: 5 });
    const second = await billing.issuedInvoice({ quantity: 5 });
    for (const amountMinor of [100, 200, 300]) await pay({ invoiceId: first.id, amountMinor });
    await pay({ invoiceId: second.id, amountMinor: 400, type: "payment.failed" });
    await pay({ invoiceId: (await other.issuedInvoice()).id, amountMinor: 999 });

    const seen = [];
    let cursor: string | undefined;
    do {
      const page = await billing.caller.payments.list({ limit: 3, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((payment) => [payment.amountMinor, payment.status])).toEqual([
      [400, "failed"],
      [300, "succeeded"],
      [200, "succeeded"],
      [100, "succeeded"],
    ]);
    const forFirst = await billing.caller.payments.list({ invoiceId: first.id });
    expect(forFirst.items.map((payment) => payment.invoice.number)).toEqual([1, 1, 1]);
    expect(
      (await billing.caller.payments.list({ invoiceId: (await other.caller.invoices.list({})).items[0]!.id }))
        .items,
    ).toEqual([]);
  });
});
