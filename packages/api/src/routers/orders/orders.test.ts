import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { concurrencyGateLoad } from "../../concurrency-gate.ts";
import { defaultRulesConfig } from "../../config.ts";
import { createTestApi, type TestApi, type TestOrganisation } from "../../testing/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

let counter = 0;
async function shop(name = "Shop", taxRateBasisPoints = 2000) {
  const org = await api.organisation(name);
  await api.db.organization.update({ where: { id: org.id }, data: { taxRateBasisPoints } });
  const customer = await org.caller.customers.create({ name: "Acme Corp" });
  const product = (priceMinor: number, stock = 100, currency = "USD") =>
    org.caller.catalog.products.create({
      sku: `P-${++counter}`,
      name: `Product ${counter}`,
      priceMinor,
      currency,
      stock,
    });
  return { org, customer, product };
}

async function draftWith(
  org: TestOrganisation,
  customerId: string,
  items: Array<{ productId: string; quantity: number }>,
) {
  let order = await org.caller.orders.create({ customerId });
  for (const item of items)
    order = await org.caller.orders.addItem({ orderId: order.id, version: order.version, ...item });
  return order;
}

describe("drafts", () => {
  test("totals are computed by the server in minor units, with the organisation's tax", async () => {
    const { org, customer, product } = await shop("Totals", 1950);
    const paper = await product(649);
    const pens = await product(475);
    const order = await draftWith(org, customer.id, [
      { productId: paper.id, quantity: 3 },
      { productId: pens.id, quantity: 2 },
    ]);
    expect(order).toMatchObject({
      status: "draft",
      currency: "USD",
      subtotalMinor: 2897,
      taxRateBasisPoints: 1950,
      taxMinor: 565,
      totalMinor: 3462,
    });
    expect(order.lines.map((line) => [line.sku, line.quantity, line.lineTotalMinor])).toEqual([
      [paper.sku, 3, 1947],
      [pens.sku, 2, 950],
    ]);
  });

  test("a line keeps the product's name and price from when it was added", async () => {
    const { org, customer, product } = await shop("Snapshots");
    const item = await product(1000);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    await org.caller.catalog.products.update({
      id: item.id,
      version: item.version,
      patch: { name: "Renamed", priceMinor: 9999 },
    });
    const reread = await org.caller.orders.get({ id: order.id });
    expect(reread.lines[0]).toMatchObject({ productName: item.name, unitPriceMinor: 1000 });
  });

  test("adding a product again adds to its line; lines can be changed and removed", async () => {
    const { org, customer, product } = await shop("Lines", 0);
    const item = await product(100);
    let order = await draftWith(org, customer.id, [
      { productId: item.id, quantity: 1 },
      { productId: item.id, quantity: 2 },
    ]);
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]?.quantity).toBe(3);
    const lineId = order.lines[0]!.id;
    order = await org.caller.orders.updateItem({
      orderId: order.id,
      version: order.version,
      lineId,
      quantity: 5,
    });
    expect(order.totalMinor).toBe(500);
    order = await org.caller.orders.removeItem({ orderId: order.id, version: order.version, lineId });
    expect(order).toMatchObject({ lines: [], totalMinor: 0, currency: null });
  });

  test("an edit made from an older version is a CONFLICT and changes nothing", async () => {
    const { org, customer, product } = await shop("Versions");
    const item = await product(100);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    await org.caller.orders.updateItem({
      orderId: order.id,
      version: order.version,
      lineId: order.lines[0]!.id,
      quantity: 2,
    });
    await expect(
      org.caller.orders.updateItem({
        orderId: order.id,
        version: order.version,
        lineId: order.lines[0]!.id,
        quantity: 7,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await org.caller.orders.get({ id: order.id })).lines[0]?.quantity).toBe(2);
  });

  test("mixed currencies and archived products are refused", async () => {
    const { org, customer, product } = await shop("Rules");
    const dollars = await product(100, 10, "USD");
    const euros = await product(100, 10, "EUR");
    const order = await draftWith(org, customer.id, [{ productId: dollars.id, quantity: 1 }]);
    await expect(
      org.caller.orders.addItem({
        orderId: order.id,
        version: order.version,
        productId: euros.id,
        quantity: 1,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("EUR") });
    const archived = await product(100);
    await org.caller.catalog.products.archive({ id: archived.id });
    await expect(
      org.caller.orders.addItem({
        orderId: order.id,
        version: order.version,
        productId: archived.id,
        quantity: 1,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("the order lifecycle", () => {
  test("placing reserves stock, cancelling gives it back, and only allowed moves are allowed", async () => {
    const { org, customer, product } = await shop("Lifecycle");
    const item = await product(100, 10);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 4 }]);

    const placed = await org.caller.orders.place({ orderId: order.id });
    expect(placed).toMatchObject({ status: "placed", placedAt: expect.any(Date) });
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(6);
    await expect(
      org.caller.orders.addItem({
        orderId: order.id,
        version: placed.version,
        productId: item.id,
        quantity: 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(org.caller.orders.fulfil({ orderId: order.id })).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(org.caller.orders.cancel({ orderId: order.id })).resolves.toMatchObject({
      status: "cancelled",
    });
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(10);
    await expect(org.caller.orders.place({ orderId: order.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  test("placing with too little stock for any line places nothing and reserves nothing", async () => {
    const { org, customer, product } = await shop("All or nothing");
    const plenty = await product(100, 50);
    const scarce = await product(100, 1);
    const order = await draftWith(org, customer.id, [
      { productId: plenty.id, quantity: 5 },
      { productId: scarce.id, quantity: 2 },
    ]);
    await expect(org.caller.orders.place({ orderId: order.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Not enough stock"),
    });
    expect((await org.caller.catalog.products.get({ id: plenty.id })).stock).toBe(50);
    expect((await org.caller.orders.get({ id: order.id })).status).toBe("draft");
  });

  test("an empty draft cannot be placed", async () => {
    const { org, customer } = await shop("Empty");
    const order = await org.caller.orders.create({ customerId: customer.id });
    await expect(org.caller.orders.place({ orderId: order.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // The status change is written before the lines are read: the refusal rolls it back with its audit row.
    expect((await org.caller.orders.get({ id: order.id })).status).toBe("draft");
    expect((await org.caller.audit.list({ targetId: order.id })).items.map((event) => event.action)).toEqual([
      "order.created",
    ]);
  });

  test("every status change is in the audit log", async () => {
    const { org, customer, product } = await shop("Audited orders");
    const item = await product(100);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    await org.caller.orders.place({ orderId: order.id });
    await org.caller.orders.cancel({ orderId: order.id });
    const { items } = await org.caller.audit.list({ targetId: order.id });
    expect(items.map((event) => [event.action, event.details])).toEqual([
      ["order.cancelled", { from: "placed", to: "cancelled" }],
      ["order.placed", { from: "draft", to: "placed" }],
      ["order.created", {}],
    ]);
  });
});

describe("concurrency", () => {
  test("50 concurrent placements for the last 10 units: exactly 10 succeed, the rest get CONFLICT, stock ends at 0", async () => {
    const { org, customer, product } = await shop("Rush");
    const item = await product(100, 10);
    const orders = [];
    for (let i = 0; i < 50; i++)
      orders.push(await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]));

    const results = await Promise.allSettled(
      orders.map((order) => org.caller.orders.place({ orderId: order.id })),
    );
    const placed = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(placed).toHaveLength(10);
    expect(refused.map((result) => (result.reason as { code?: string }).code)).toEqual(
      Array(40).fill("CONFLICT"),
    );
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(0);
    expect(await api.db.order.count({ where: { organizationId: org.id, status: "placed" } })).toBe(10);
  }, 60_000);

  test("orders naming two products in opposite orders, placed at once, all go through: one lock order, no deadlock", async () => {
    const { org, customer, product } = await shop("Crossed lines");
    const [first, second] = [await product(100, 100), await product(100, 100)];
    const orders = [];
    for (let i = 0; i < 20; i++) {
      const lines = [
        { productId: first.id, quantity: 1 },
        { productId: second.id, quantity: 2 },
      ];
      orders.push(await draftWith(org, customer.id, i % 2 ? lines : lines.reverse()));
    }
    const results = await Promise.allSettled(
      orders.map((order) => org.caller.orders.place({ orderId: order.id })),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect((await org.caller.catalog.products.get({ id: first.id })).stock).toBe(80);
    expect((await org.caller.catalog.products.get({ id: second.id })).stock).toBe(60);
  }, 60_000);

  test("two people placing the same order at once: one places it, the other gets CONFLICT, stock moves once", async () => {
    const { org, customer, product } = await shop("Race");
    const item = await product(100, 5);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    const results = await Promise.allSettled([
      org.caller.orders.place({ orderId: order.id }),
      org.caller.orders.place({ orderId: order.id }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { code: "CONFLICT" },
    });
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(4);
  });

  test("placing and cancelling at once leave stock matching the outcome", async () => {
    const { org, customer, product } = await shop("Place or cancel");
    const item = await product(100, 5);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    await Promise.allSettled([
      org.caller.orders.place({ orderId: order.id }),
      org.caller.orders.cancel({ orderId: order.id }),
    ]);
    const final = await org.caller.orders.get({ id: order.id });
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(
      final.status === "placed" ? 4 : 5,
    );
  });
});

describe("idempotency", () => {
  test("a retried placement with the same key returns the first result and reserves once", async () => {
    const { org, customer, product } = await shop("Retries");
    const item = await product(100, 10);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 3 }]);
    const first = await org.caller.orders.place({ orderId: order.id, idempotencyKey: "place-order-key-1" });
    const retry = await org.caller.orders.place({ orderId: order.id, idempotencyKey: "place-order-key-1" });
    expect(retry).toEqual(first);
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(7);
  });

  test("the same key with a different input is a CONFLICT", async () => {
    const { org, customer, product } = await shop("Key reuse");
    const item = await product(100, 10);
    const one = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    const two = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    await org.caller.orders.place({ orderId: one.id, idempotencyKey: "shared-key-123" });
    await expect(
      org.caller.orders.place({ orderId: two.id, idempotencyKey: "shared-key-123" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("different request"),
    });
    expect((await org.caller.orders.get({ id: two.id })).status).toBe("draft");
  });

  test("concurrent duplicates have one effect and all get the same answer", async () => {
    const { org, customer, product } = await shop("Duplicates");
    const item = await product(100, 10);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 2 }]);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        org.caller.orders.place({ orderId: order.id, idempotencyKey: "concurrent-key-1" }),
      ),
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(8);
  });

  test("the key may come in the Idempotency-Key header", async () => {
    const { org, customer, product } = await shop("Header key");
    const item = await product(100, 10);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    const withHeader = api.callerWith(
      new Headers({ authorization: `Bearer ${org.owner.token}`, "idempotency-key": "header-key-0001" }),
    );
    const first = await withHeader.orders.place({ orderId: order.id });
    await expect(withHeader.orders.place({ orderId: order.id })).resolves.toEqual(first);
  });

  test("a failed call forgets its key, and an expired key is forgotten", async () => {
    const { org, customer, product } = await shop("Forgetting");
    const item = await product(100, 10);
    const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
    const empty = await org.caller.orders.create({ customerId: customer.id });
    await expect(
      org.caller.orders.place({ orderId: empty.id, idempotencyKey: "retry-after-fix" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await api.db.idempotencyKey.count({ where: { key: "retry-after-fix" } })).toBe(0);

    await org.caller.orders.place({ orderId: order.id, idempotencyKey: "expiring-key-1" });
    await api.db.idempotencyKey.updateMany({
      where: { key: "expiring-key-1" },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expect(
      org.caller.orders.place({ orderId: order.id, idempotencyKey: "expiring-key-1" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is placed"),
    });
  });
});

test("another organisation's orders do not exist for you, and stay as they are", async () => {
  const { org: alice, customer, product } = await shop("Alice orders");
  const bob = await api.organisation("Bob orders");
  const item = await product(100, 10);
  const order = await draftWith(alice, customer.id, [{ productId: item.id, quantity: 1 }]);
  for (const attempt of [
    () => bob.caller.orders.get({ id: order.id }),
    () => bob.caller.orders.place({ orderId: order.id }),
    () => bob.caller.orders.cancel({ orderId: order.id }),
    () =>
      bob.caller.orders.addItem({
        orderId: order.id,
        version: order.version,
        productId: item.id,
        quantity: 1,
      }),
    () =>
      bob.caller.orders.removeItem({ orderId: order.id, version: order.version, lineId: order.lines[0]!.id }),
  ]) {
    await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
  }
  expect(await alice.caller.orders.get({ id: order.id })).toEqual(order);
  expect((await bob.caller.orders.list()).items).toEqual([]);
});

test("an order with a live invoice cannot be cancelled until the invoice is voided", async () => {
  const { org, customer, product } = await shop("Invoiced");
  const item = await product(100, 10);
  const order = await draftWith(org, customer.id, [{ productId: item.id, quantity: 1 }]);
  await org.caller.orders.place({ orderId: order.id });
  const invoice = await org.caller.invoices.issue({ orderId: order.id });
  await expect(org.caller.orders.cancel({ orderId: order.id })).rejects.toMatchObject({
    code: "CONFLICT",
    message: `Void invoice ${invoice.number} before cancelling this order`,
  });
  await org.caller.invoices.void({ invoiceId: invoice.id });
  await expect(org.caller.orders.cancel({ orderId: order.id })).resolves.toMatchObject({
    status: "cancelled",
  });
});

test("with placements one at a time, keyed and unkeyed placements at once, more than the pool's connections, wait their turn and all go through", async () => {
  const gated = await createTestApi({ config: { ...defaultRulesConfig, placementConcurrency: 1 } });
  try {
    const org = await gated.organisation("One at a time");
    const customer = await org.caller.customers.create({ name: "Queue" });
    const item = await org.caller.catalog.products.create({
      sku: "GATE-1",
      name: "Gated",
      priceMinor: 100,
      currency: "USD",
      stock: 100,
    });
    const drafts = [];
    for (let i = 0; i < 28; i++) {
      const draft = await org.caller.orders.create({ customerId: customer.id });
      drafts.push(
        await org.caller.orders.addItem({
          orderId: draft.id,
          version: draft.version,
          productId: item.id,
          quantity: 1,
        }),
      );
    }
    // Keyed calls wait at the gate before their idempotency transaction opens: 21 of them
    // holding a connection each while they waited would outnumber the test pool's 20.
    let most = { active: 0, pending: 0 };
    const sampling = setInterval(() => {
      const load = concurrencyGateLoad(1);
      most = { active: Math.max(most.active, load.active), pending: Math.max(most.pending, load.pending) };
    }, 1);
    const results = await Promise.allSettled(
      drafts.map((draft, index) =>
        org.caller.orders.place({
          orderId: draft.id,
          ...(index % 4 === 3 ? {} : { idempotencyKey: `gate-key-${index}` }),
        }),
      ),
    ).finally(() => clearInterval(sampling));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect((await org.caller.catalog.products.get({ id: item.id })).stock).toBe(72);
    // One at a time, and the keyed calls queued too: more waited than the seven unkeyed ones.
    expect(most.active).toBe(1);
    expect(most.pending).toBeGreaterThan(20);
  } finally {
    await gated.close();
  }
}, 60_000);
