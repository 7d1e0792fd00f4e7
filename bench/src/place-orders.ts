// Issue 4 and issue 19 (a hot product): orders.place throughput through
// apps/server (express lane) on PostgreSQL. Every placement is real: a draft
// with one line on the same product, stock reserved in a transaction, an
// audit row. apps/server runs twice side by side: as configured (placements
// bounded per process, TALLY_PLACEMENT_CONCURRENCY's default) and unbounded.
import { randomUUID } from "node:crypto";
import { openDatabase } from "@tally/db";
import { DEMO_ORGANIZATION_ID } from "@tally/db/seed";
import superjson from "superjson";
import { type BackendStates, sampleBackends } from "./backend-sampler.ts";
import { benchRequestHeaders } from "./session.ts";

export type PlaceResult = {
  /** Which server variant placed them (e.g. with or without the placement gate). */
  server: string;
  clients: number;
  /** 1-based round of this server at this level. */
  round: number;
  placed: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** The server process's own CPU time per order placed (user + system); null off Linux. */
  cpuMicrosPerOrder: number | null;
  /** Where the app's database sessions were while it ran (pg_stat_activity sampled). */
  backends: BackendStates;
};

export type PlaceServer = { label: string; origin: string; cpuMicros(): number | null };

const DURATION_MS = 4000;
/** More than the fastest run places in its 4 s. */
const DRAFTS_PER_RUN = 6000;

/**
 * One client on the first server, then 10 and 50 clients on every server,
 * interleaved so that each server's two levels and the servers themselves
 * come in A B B A order (10 A, 10 B, 50 A, 50 B, 50 B, 50 A, 10 B, 10 A):
 * a change in the machine's load during the run shows as noise between the
 * rounds rather than as a difference between levels or servers.
 */
export function placePlan(servers: PlaceServer[]): Array<{ server: PlaceServer; clients: number }> {
  const [first] = servers;
  if (!first) return [];
  const forward = servers.map((server) => ({ server, clients: 0 }));
  const at = (clients: number, order: typeof forward) => order.map(({ server }) => ({ server, clients }));
  const backward = [...forward].reverse();
  return [
    { server: first, clients: 1 },
    ...at(10, forward),
    ...at(50, forward),
    ...at(50, backward),
    ...at(10, backward),
  ];
}

export async function measurePlaceOrders(
  databaseUrl: string,
  bearerToken: string,
  plan: Array<{ server: PlaceServer; clients: number }>,
): Promise<PlaceResult[]> {
  const results: PlaceResult[] = [];
  const product = await createProduct(databaseUrl);
  for (const { server, clients } of plan) {
    const drafts = await createDrafts(databaseUrl, product, DRAFTS_PER_RUN);
    const round =
      results.filter((result) => result.clients === clients && result.server === server.label).length + 1;
    const sampler = sampleBackends(databaseUrl);
    const cpuBefore = server.cpuMicros();
    const placed = await placeConcurrently(server.origin, bearerToken, clients, drafts).finally(() =>
      sampler.stop(),
    );
    const cpuAfter = server.cpuMicros();
    const cpuMicrosPerOrder =
      cpuBefore !== null && cpuAfter !== null && placed.placed > 0
        ? (cpuAfter - cpuBefore) / placed.placed
        : null;
    results.push({
      ...placed,
      server: server.label,
      round,
      cpuMicrosPerOrder,
      backends: await sampler.result,
    });
  }
  return results;
}

type BenchProduct = { id: string; sku: string; name: string; customerId: string };

/** The one hot row every placement of the run decrements. */
async function createProduct(databaseUrl: string): Promise<BenchProduct> {
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
    return { id: product.id, sku: product.sku, name: product.name, customerId: customer.id };
  } finally {
    await database.close();
  }
}

/** Drafts written straight to the database: the bench measures placing, not building orders. */
async function createDrafts(databaseUrl: string, product: BenchProduct, count: number): Promise<string[]> {
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 2 });
  try {
    const { prisma } = database;
    const ids = Array.from({ length: count }, () => `bench_${randomUUID().replaceAll("-", "")}`);
    await prisma.order.createMany({
      data: ids.map((id) => ({
        id,
        organizationId: DEMO_ORGANIZATION_ID,
        customerId: product.customerId,
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
): Promise<Omit<PlaceResult, "server" | "round" | "backends" | "cpuMicrosPerOrder">> {
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
