import { randomBytes } from "node:crypto";
import { signedDelivery, testPaymentEvent } from "../../http/payment-test-events.ts";
import { createPaymentWebhookHandler } from "../../http/payment-webhook.ts";
import type { TestApi } from "../../testing/index.ts";

const WEBHOOK_SECRET = "invoices-test-webhook-secret-0123456789";

/** A payment arriving the way payments arrive: a signed provider webhook. */
export async function payThroughWebhook(api: TestApi, invoiceId: string, amountMinor: number) {
  const receive = createPaymentWebhookHandler({
    db: api.db,
    config: { secret: WEBHOOK_SECRET, toleranceSeconds: 300 },
  });
  const { body, headers } = signedDelivery(WEBHOOK_SECRET, testPaymentEvent({ invoiceId, amountMinor }));
  const response = await receive(
    new Request("http://tally.test/webhooks/payments", { method: "POST", body, headers }),
  );
  const outcome: unknown = await response.json();
  if (response.status !== 200 || !isApplied(outcome)) {
    throw new Error(`payment of ${invoiceId} not applied: ${response.status} ${JSON.stringify(outcome)}`);
  }
}

function isApplied(outcome: unknown): boolean {
  return (
    typeof outcome === "object" && outcome !== null && "outcome" in outcome && outcome.outcome === "applied"
  );
}

/** 10.00 USD a unit and no tax, so an order of n units totals n × 1000 minor units. */
export const UNIT_PRICE_MINOR = 1000;

/**
 * An organisation ready to bill: a stocked product, a customer, and helpers
 * that build placed orders and invoices through the procedures users call.
 */
export async function billingOrganisation(api: TestApi, name = "Acme") {
  const org = await api.organisation(name);
  const product = await org.caller.catalog.products.create({
    sku: `SKU-${randomBytes(3).toString("hex")}`,
    name: "Widget",
    priceMinor: UNIT_PRICE_MINOR,
    currency: "USD",
    stock: 100_000,
  });
  const customer = await org.caller.customers.create({ name: `${name} customer` });

  async function draftOrder({ quantity = 1, customerId = customer.id } = {}) {
    const draft = await org.caller.orders.create({ customerId });
    return org.caller.orders.addItem({
      orderId: draft.id,
      version: draft.version,
      productId: product.id,
      quantity,
    });
  }

  async function placedOrder(options: { quantity?: number; customerId?: string } = {}) {
    return org.caller.orders.place({ orderId: (await draftOrder(options)).id });
  }

  async function issuedInvoice(options: { quantity?: number; customerId?: string } = {}) {
    return org.caller.invoices.issue({ orderId: (await placedOrder(options)).id });
  }

  return { ...org, product, customer, draftOrder, placedOrder, issuedInvoice };
}

export type BillingOrganisation = Awaited<ReturnType<typeof billingOrganisation>>;
