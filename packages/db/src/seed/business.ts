import type { PrismaClient } from "../client.ts";
import { planDemoBusiness } from "./business-plan.ts";

export type DemoBusinessOptions = {
  organizationId: string;
  /** The catalogue the orders draw on, by SKU (created beforehand). */
  skus: readonly string[];
  /** Stock after six months of trade, by SKU: a few run low. */
  stockLevels: Readonly<Record<string, number>>;
  /** Who did the office work in the story. */
  actorEmail: string;
  now: Date;
};

export type DemoBusinessCounts = {
  seeded: boolean;
  customers: number;
  orders: number;
  invoices: number;
  payments: number;
};

const MARKER_CUSTOMER_ID = "demo_customer_01";

/**
 * Writes the demo business once per organisation, in one transaction: a
 * second run (on any day) finds it there and changes nothing, and two runs at
 * once queue on an advisory lock instead of both inserting. Set-based
 * inserts, a statement per table, so it takes well under a second.
 */
export async function writeDemoBusiness(
  prisma: PrismaClient,
  { organizationId, skus, stockLevels, actorEmail, now }: DemoBusinessOptions,
): Promise<DemoBusinessCounts> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tally.seed.demo-business'))`;
      const marker = await tx.customer.findFirst({
        where: { id: MARKER_CUSTOMER_ID, organizationId },
        select: { id: true },
      });
      if (marker) {
        const where = { organizationId, id: { startsWith: "demo_" } };
        return {
          seeded: false,
          customers: await tx.customer.count({ where }),
          orders: await tx.order.count({ where }),
          invoices: await tx.invoice.count({ where }),
          payments: await tx.payment.count({ where }),
        };
      }
      const organization = await tx.organization.findUniqueOrThrow({
        where: { id: organizationId },
        select: { taxRateBasisPoints: true },
      });
      const actor = await tx.user.findUnique({ where: { email: actorEmail }, select: { id: true } });
      const products = await tx.product.findMany({
        where: { organizationId, sku: { in: [...skus] }, archivedAt: null },
        orderBy: { sku: "asc" },
        select: { id: true, sku: true, name: true, priceMinor: true, currency: true },
      });
      const counters = await tx.$queryRaw<Array<{ lastNumber: number }>>`
        SELECT "lastNumber" FROM "invoice_counter" WHERE "organizationId" = ${organizationId} FOR UPDATE`;
      if (products.length === 0)
        throw new Error(`organisation ${organizationId} has none of the demo products`);
      const plan = planDemoBusiness({
        organizationId,
        actorUserId: actor?.id ?? null,
        products,
        taxRateBasisPoints: organization.taxRateBasisPoints,
        firstInvoiceNumber: (counters[0]?.lastNumber ?? 0) + 1,
        now,
      });
      await tx.customer.createMany({ data: plan.customers });
      await tx.order.createMany({ data: plan.orders });
      await tx.orderLine.createMany({ data: plan.lines });
      await tx.invoice.createMany({ data: plan.invoices });
      await tx.payment.createMany({ data: plan.payments });
      await tx.auditEvent.createMany({ data: plan.audit });
      const lastNumber = (counters[0]?.lastNumber ?? 0) + plan.invoices.length;
      await tx.invoiceCounter.upsert({
        where: { organizationId },
        create: { organizationId, lastNumber },
        update: { lastNumber },
      });
      for (const [sku, stock] of Object.entries(stockLevels)) {
        await tx.product.updateMany({ where: { organizationId, sku }, data: { stock, updatedAt: now } });
      }
      return {
        seeded: true,
        customers: plan.customers.length,
        orders: plan.orders.length,
        invoices: plan.invoices.length,
        payments: plan.payments.length,
      };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}
