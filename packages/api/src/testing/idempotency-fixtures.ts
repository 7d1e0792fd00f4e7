import { randomBytes } from "node:crypto";
import type { TestApi, TestOrganisation } from "./index.ts";

/** An organisation with one stocked product and a draft order for `quantity` of it. */
export async function draftToPlace(api: TestApi, name: string, { stock = 10, quantity = 2 } = {}) {
  const org: TestOrganisation = await api.organisation(name);
  const customer = await org.caller.customers.create({ name: "Acme Corp" });
  const product = await org.caller.catalog.products.create({
    sku: `IDEM-${randomBytes(3).toString("hex")}`,
    name: "Stocked",
    priceMinor: 500,
    currency: "USD",
    stock,
  });
  const draft = await org.caller.orders.create({ customerId: customer.id });
  const order = await org.caller.orders.addItem({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity,
  });
  /** What one placement changes: the stock, the order's status and its "placed" audit rows. */
  const effects = async () => ({
    stock: (await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock,
    status: (await api.db.order.findUniqueOrThrow({ where: { id: order.id } })).status,
    placedAudits: await api.db.auditEvent.count({ where: { action: "order.placed", targetId: order.id } }),
    keys: await api.db.idempotencyKey.count({ where: { organizationId: org.id } }),
  });
  return { org, product, order, effects };
}

export const freshKey = (label: string) => `${label}-${randomBytes(6).toString("hex")}`;
