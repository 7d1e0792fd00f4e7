// Issue 4: orders.place throughput through apps/server (express lane) on
// PostgreSQL, at 1, 10 and 50 concurrent clients. Every placement is real:
// a draft with one line, stock reserved in a transaction, an audit row.
import { randomUUID } from "node:crypto";
import { openDatabase } from "@tally/db";
import { DEMO_ORGANIZATION_ID } from "@tally/db/seed";
import superjson from "superjson";
import { benchRequestHeaders } from "./session.ts";

export type PlaceResult = {
  clients: number;
  placed: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
};

const DURATION_MS = 4000;

export async function measurePlaceOrders(
  databaseUrl: string,
  origin: string,
  bearerToken: string,
  levels = [1, 10, 50],
): Promise<PlaceResult[]> {
  const results: PlaceResult[] = [];
  for (const clients of levels) {
    const drafts = await createDrafts(databaseUrl, clients * 400);
    results.push(await placeConcurrently(origin, bearerToken, clients, drafts));
  }
  return results;
}

/** Drafts written straight to the database: the bench measures placing, not building orders. */
async function createDrafts(databaseUrl: string, count: number): Promise<string[]> {
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 2 });
  try {
    const { prisma } = database;
    const customer = await prisma.customer.create({
      data: { organizationId: DEMO_ORGANIZATION_ID, name: "Bench buyer" },
    });
    const product = await prisma.product.create({
      data: {
        organizationId: DEMO_ORGANIZATION_ID,
        sku: `BENCH-${randomUUID().slice(0, 8)}`,
        name: "Bench item",
        priceMinor: 100,
        currency: "USD",
        stock: 1_000_000,
      },
    });
    const ids = Array.from({ length: count }, () => `bench_${randomUUID().replaceAll("-", "")}`);
    await prisma.order.createMany({
      data: ids.map((id) => ({
        id,
        organizationId: DEMO_ORGANIZATION_ID,
        customerId: customer.id,
        currency: "USD",
        subtotalMinor: 100,
        totalMinor: 100,
      })),
    });
    await prisma.orderLine.createMany({
      data: ids.map((orderId) => ({
        organizationId: DEMO_ORGANIZATION_ID,
        orderId,
        productId: product.id,
        sku: product.sku,
        productName: product.name,
        unitPriceMinor: 100,
        quantity: 1,
        lineTotalMinor: 100,
      })),
    });
    return ids;
  } finally {
    await database.close();
  }
}

/** Each client places the next draft from a shared queue until the time is up. */
async function placeConcurrently(
  origin: string,
  bearerToken: string,
  clients: number,
  drafts: string[],
): Promise<PlaceResult> {
  const queue = [...drafts];
  const latencies: number[] = [];
  let errors = 0;
  const headers = { ...benchRequestHeaders(bearerToken), "content-type": "application/json" };
  const started = performance.now();
  const deadline = started + DURATION_MS;

  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let orderId = queue.pop(); orderId && performance.now() < deadline; orderId = queue.pop()) {
        const sent = performance.now();
        const response = await fetch(`${origin}/trpc/orders.place`, {
          method: "POST",
          headers,
          body: JSON.stringify(superjson.serialize({ orderId })),
        });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - sent);
        else errors++;
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0;
  return {
    clients,
    placed: latencies.length,
    ordersPerSecond: latencies.length / elapsedS,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
  };
}
