import { randomBytes, randomUUID } from "node:crypto";
import type { TestApi } from "../../testing/index.ts";
import { receivePaymentEvent } from "../payments/payment-events.service.ts";

/**
 * A payment as the provider reports it, applied by the rule the webhook
 * receiver calls once it has verified a delivery (packages/host/src/webhooks
 * tests the signature side).
 */
export async function receivePayment(api: TestApi, invoiceId: string, amountMinor: number) {
  const event = {
    id: `evt_${randomUUID()}`,
    type: "payment.succeeded",
    data: { invoiceId, amountMinor, currency: "USD", paymentId: `pay_${randomUUID()}` },
  };
  const { outcome } = await receivePaymentEvent(api.db, event, randomUUID(), api.queue);
  if (outcome !== "applied") throw new Error(`payment of ${invoiceId} not applied: ${outcome}`);
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

  async function issuedInvoice({
    dueInDays,
    ...options
  }: {
    quantity?: number;
    customerId?: string;
    dueInDays?: number;
  } = {}) {
    return org.caller.invoices.issue({
      orderId: (await placedOrder(options)).id,
      ...(dueInDays === undefined ? {} : { dueInDays }),
    });
  }

  return { ...org, product, customer, draftOrder, placedOrder, issuedInvoice };
}

export type BillingOrganisation = Awaited<ReturnType<typeof billingOrganisation>>;
