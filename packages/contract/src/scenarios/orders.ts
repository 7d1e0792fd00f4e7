import type { TallyClient } from "@tally/client";
import { createTranscript } from "../transcript.ts";

/** A member takes an order: customer, draft, lines, totals, placing, stock, retries, refusals. */
export async function ordersScenario(client: TallyClient, prefix: string) {
  const t = createTranscript(prefix);
  const customer = await t.must("customer", () =>
    client.customers.create.mutate({ name: `${prefix} Buyer`, email: "buyer@example.test" }),
  );
  await t.step("customer search", () => client.customers.list.query({ search: `${prefix} Buyer` }));
  const product = await t.must("product", () =>
    client.catalog.products.create.mutate({
      sku: `${prefix}-ORD`,
      name: `${prefix} stapler`,
      priceMinor: 1899,
      currency: "USD",
      stock: 3,
    }),
  );
  let order = await t.must("draft", () =>
    client.orders.create.mutate({ customerId: customer.id, note: "Deliver to dock 4" }),
  );
  order = await t.must("add item", () =>
    client.orders.addItem.mutate({
      orderId: order.id,
      version: order.version,
      productId: product.id,
      quantity: 2,
    }),
  );
  await t.step("stale edit", () =>
    client.orders.addItem.mutate({ orderId: order.id, version: 1, productId: product.id, quantity: 1 }),
  );
  const more = await t.must("more than in stock", () =>
    client.orders.updateItem.mutate({
      orderId: order.id,
      version: order.version,
      lineId: order.lines[0]?.id ?? "",
      quantity: 4,
    }),
  );
  await t.step("place without stock", () => client.orders.place.mutate({ orderId: order.id }));
  order = await t.must("back to two", () =>
    client.orders.updateItem.mutate({
      orderId: order.id,
      version: more.version,
      lineId: order.lines[0]?.id ?? "",
      quantity: 2,
    }),
  );
  await t.step("place", () =>
    client.orders.place.mutate({ orderId: order.id, idempotencyKey: `${prefix}-place-1` }),
  );
  await t.step("retry place", () =>
    client.orders.place.mutate({ orderId: order.id, idempotencyKey: `${prefix}-place-1` }),
  );
  await t.step("stock after", () => client.catalog.products.get.query({ id: product.id }));
  await t.step("fulfil unpaid", () => client.orders.fulfil.mutate({ orderId: order.id }));
  await t.step("placed orders", () =>
    client.orders.list.query({ status: "placed", customerId: customer.id }),
  );
  await t.step("order history", () => client.audit.list.query({ targetId: order.id }));
  return t.done();
}
