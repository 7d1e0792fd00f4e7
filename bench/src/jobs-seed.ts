// Rows for the jobs bench, written set-based (INSERT … SELECT generate_series):
// 200,000 orders take seconds this way, where the procedures would take minutes.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@tally/db";

export const BIG_REPORT_ORDERS = 200_000;
const BIG_REPORT_PRODUCTS = 20;
export const REPORT_FROM = new Date("2026-01-01T00:00:00Z");
export const REPORT_TO = new Date("2026-07-01T00:00:00Z");

type BenchOrganisation = { id: string; requesterId: string };

async function organisation(prisma: PrismaClient, name: string): Promise<BenchOrganisation> {
  const stamp = randomBytes(4).toString("hex");
  const org = await prisma.organization.create({
    data: { id: `bench_org_${stamp}`, name, slug: `bench-${stamp}` },
  });
  // Reports keep their requester's id only; no one signs in as these organisations.
  return { id: org.id, requesterId: `bench_user_${stamp}` };
}

/** Placed orders with no lines, over the report's months: small reports grouped by day. */
export async function seedSmallReportOrganisations(prisma: PrismaClient, count: number, ordersEach: number) {
  const organisations: BenchOrganisation[] = [];
  for (let n = 0; n < count; n++) {
    const org = await organisation(prisma, `Bench small reports ${n + 1}`);
    const customer = await prisma.customer.create({ data: { organizationId: org.id, name: "Bench buyer" } });
    await prisma.$executeRaw`
      INSERT INTO "order" (id, "organizationId", "customerId", status, currency, "subtotalMinor", "totalMinor", "placedAt", "updatedAt")
      SELECT ${org.id} || '-o' || n, ${org.id}, ${customer.id}, 'placed', 'USD', 100 * (n % 5 + 1), 100 * (n % 5 + 1),
        ${REPORT_FROM}::timestamp + (n % 28) * interval '1 day', now()
      FROM generate_series(1, ${ordersEach}::int) AS n`;
    organisations.push(org);
  }
  return organisations;
}

/** 200,000 placed orders of one line each, over 20 products and six months. */
export async function seedBigReportOrganisation(prisma: PrismaClient): Promise<BenchOrganisation> {
  const org = await organisation(prisma, "Bench big report");
  const customer = await prisma.customer.create({ data: { organizationId: org.id, name: "Bench buyer" } });
  await prisma.$executeRaw`
    INSERT INTO product (id, "organizationId", sku, name, "priceMinor", currency, stock, "updatedAt")
    SELECT ${org.id} || '-p' || p, ${org.id}, 'BIG-' || p, 'Bench product ' || p, 100 * p, 'USD', 0, now()
    FROM generate_series(1, ${BIG_REPORT_PRODUCTS}::int) AS p`;
  await prisma.$executeRaw`
    INSERT INTO "order" (id, "organizationId", "customerId", status, currency, "subtotalMinor", "totalMinor", "placedAt", "updatedAt")
    SELECT ${org.id} || '-o' || n, ${org.id}, ${customer.id}, 'placed', 'USD',
      100 * (n % ${BIG_REPORT_PRODUCTS}::int + 1) * (n % 3 + 1), 100 * (n % ${BIG_REPORT_PRODUCTS}::int + 1) * (n % 3 + 1),
      ${REPORT_FROM}::timestamp + (n % 180) * interval '1 day' + (n % 86400) * interval '1 second', now()
    FROM generate_series(1, ${BIG_REPORT_ORDERS}::int) AS n`;
  await prisma.$executeRaw`
    INSERT INTO order_line (id, "organizationId", "orderId", "productId", sku, "productName", "unitPriceMinor", quantity, "lineTotalMinor")
    SELECT ${org.id} || '-l' || n, ${org.id}, ${org.id} || '-o' || n, ${org.id} || '-p' || p, 'BIG-' || p, 'Bench product ' || p,
      100 * p, n % 3 + 1, 100 * p * (n % 3 + 1)
    FROM generate_series(1, ${BIG_REPORT_ORDERS}::int) AS n, LATERAL (SELECT n % ${BIG_REPORT_PRODUCTS}::int + 1 AS p) AS product`;
  await prisma.$executeRaw`ANALYZE "order"`;
  await prisma.$executeRaw`ANALYZE order_line`;
  return org;
}

/** Drafts of one line each, ready to place: the bench measures placing, not building orders. */
export async function seedDrafts(
  prisma: PrismaClient,
  organizationId: string,
  count: number,
): Promise<string[]> {
  const stamp = randomBytes(4).toString("hex");
  const customer = await prisma.customer.create({ data: { organizationId, name: "Bench buyer" } });
  const product = await prisma.product.create({
    data: {
      organizationId,
      sku: `PLACE-${stamp}`,
      name: "Bench item",
      priceMinor: 100,
      currency: "USD",
      stock: 10_000_000,
    },
  });
  const prefix = `bench_${stamp}_`;
  await prisma.$executeRaw`
    INSERT INTO "order" (id, "organizationId", "customerId", currency, "subtotalMinor", "totalMinor", "updatedAt")
    SELECT ${prefix} || n, ${organizationId}, ${customer.id}, 'USD', 100, 100, now()
    FROM generate_series(1, ${count}::int) AS n`;
  await prisma.$executeRaw`
    INSERT INTO order_line (id, "organizationId", "orderId", "productId", sku, "productName", "unitPriceMinor", quantity, "lineTotalMinor")
    SELECT ${prefix} || 'l' || n, ${organizationId}, ${prefix} || n, ${product.id}, ${product.sku}, ${product.name}, 100, 1, 100
    FROM generate_series(1, ${count}::int) AS n`;
  return Array.from({ length: count }, (_, n) => `${prefix}${n + 1}`);
}
