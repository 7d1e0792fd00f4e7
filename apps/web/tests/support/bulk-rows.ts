import pg from "pg";

/**
 * Rows written straight into the test database, set-based: volume for a
 * report, not a story about ordering (the orders suite tells that one).
 */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

type Product = { id: string; sku: string; name: string; priceMinor: number };

/** `count` placed orders of one line each, alternating the products, spread over January 2026. */
export function insertPlacedOrders(
  url: string,
  {
    organizationId,
    customerId,
    products,
    count,
  }: {
    organizationId: string;
    customerId: string;
    products: [Product, Product];
    count: number;
  },
) {
  return withClient(url, async (client) => {
    await client.query(
      `INSERT INTO "order" (id, "organizationId", "customerId", status, currency, "subtotalMinor", "totalMinor", "placedAt", "updatedAt")
       SELECT $1 || '-o' || n, $1, $2, 'placed', 'USD',
         (CASE WHEN n % 2 = 0 THEN $3::int ELSE $4::int END) * (n % 4 + 1),
         (CASE WHEN n % 2 = 0 THEN $3::int ELSE $4::int END) * (n % 4 + 1),
         '2026-01-01'::timestamp + (n % 31) * interval '1 day' + interval '9 hours', now()
       FROM generate_series(1, $5::int) AS n`,
      [organizationId, customerId, products[0].priceMinor, products[1].priceMinor, count],
    );
    for (const [parity, product] of products.entries())
      await client.query(
        `INSERT INTO order_line (id, "organizationId", "orderId", "productId", sku, "productName", "unitPriceMinor", quantity, "lineTotalMinor")
         SELECT $1 || '-l' || n, $1, $1 || '-o' || n, $2, $3, $4, $5::int, n % 4 + 1, $5::int * (n % 4 + 1)
         FROM generate_series(1, $6::int) AS n WHERE n % 2 = $7`,
        [organizationId, product.id, product.sku, product.name, product.priceMinor, count, parity],
      );
  });
}

export type OrderLineRow = {
  orderId: string;
  productId: string;
  sku: string;
  productName: string;
  quantity: number;
  lineTotalMinor: number;
};

/** Every line of the organisation's orders placed in [from, to) and not cancelled, as stored. */
export function placedOrderLines(url: string, organizationId: string, from: Date, to: Date) {
  return withClient(url, async (client) => {
    const { rows } = await client.query<OrderLineRow>(
      `SELECT l."orderId", l."productId", l.sku, l."productName", l.quantity, l."lineTotalMinor"
       FROM order_line l JOIN "order" o ON o.id = l."orderId"
       WHERE o."organizationId" = $1 AND o.status IN ('placed', 'paid', 'fulfilled')
         AND o."placedAt" >= $2 AND o."placedAt" < $3`,
      [organizationId, from, to],
    );
    return rows;
  });
}
