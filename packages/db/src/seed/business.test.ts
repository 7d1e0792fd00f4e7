import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PrismaClient } from "../client.ts";
import { DEMO_ORGANIZATION_ID, seedDemo, seedDemoBusiness } from "../seed-data.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";

const NOW = new Date("2026-11-17T10:30:00Z");

let first: TestDatabase;
let second: TestDatabase;

async function seedBoth(prisma: PrismaClient, now = NOW) {
  await seedDemo(prisma);
  return seedDemoBusiness(prisma, { now });
}

/** Every row the business seed writes, as plain values in a stable order. */
async function snapshot(prisma: PrismaClient) {
  const where = { organizationId: DEMO_ORGANIZATION_ID };
  const byId = { id: "asc" } as const;
  const [customers, orders, lines, invoices, payments, audit, products, counter] = await Promise.all([
    prisma.customer.findMany({ where, orderBy: byId }),
    prisma.order.findMany({ where, orderBy: byId }),
    prisma.orderLine.findMany({ where, orderBy: byId, omit: { productId: true } }),
    prisma.invoice.findMany({ where, orderBy: byId }),
    prisma.payment.findMany({ where, orderBy: byId }),
    prisma.auditEvent.findMany({ where, orderBy: byId, omit: { actorUserId: true } }),
    prisma.product.findMany({ where, orderBy: { sku: "asc" }, select: { sku: true, stock: true } }),
    prisma.invoiceCounter.findUnique({ where: { organizationId: DEMO_ORGANIZATION_ID } }),
  ]);
  return { customers, orders, lines, invoices, payments, audit, products, counter };
}

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

describe("the demo business", () => {
  test("is the same business on two databases seeded for the same day", async () => {
    const [a, b] = await Promise.all([seedBoth(first.prisma), seedBoth(second.prisma)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ seeded: true, customers: 40 });
    expect(a.orders).toBeGreaterThan(200);
    expect(await snapshot(first.prisma)).toEqual(await snapshot(second.prisma));
  });

  test("a second run, even on a later day, changes nothing", async () => {
    const before = await snapshot(first.prisma);
    const again = await seedBoth(first.prisma, new Date(NOW.getTime() + 3 * 86_400_000));
    expect(again.seeded).toBe(false);
    expect(again.orders).toBe(before.orders.length);
    expect(await snapshot(first.prisma)).toEqual(before);
  });

  test("has orders in every state and invoices paid, part-paid, overdue and void", async () => {
    const orders = await first.prisma.order.groupBy({
      by: ["status"],
      where: { organizationId: DEMO_ORGANIZATION_ID },
      _count: true,
    });
    expect(orders.map((group) => group.status).sort()).toEqual([
      "cancelled",
      "draft",
      "fulfilled",
      "paid",
      "placed",
    ]);
    const [kinds] = await first.prisma.$queryRaw<Array<Record<string, bigint>>>`
      SELECT count(*) FILTER (WHERE status = 'paid') AS paid,
             count(*) FILTER (WHERE status = 'issued' AND "paidMinor" > 0) AS "partPaid",
             count(*) FILTER (WHERE status = 'issued' AND "overdueAt" IS NOT NULL) AS overdue,
             count(*) FILTER (WHERE status = 'issued' AND "dueAt" > ${NOW}) AS "notYetDue",
             count(*) FILTER (WHERE status = 'void') AS void
      FROM invoice WHERE "organizationId" = ${DEMO_ORGANIZATION_ID}`;
    for (const [kind, count] of Object.entries(kinds ?? {})) expect(Number(count), kind).toBeGreaterThan(2);
    const failed = await first.prisma.payment.count({ where: { status: "failed" } });
    expect(failed).toBeGreaterThan(0);
  });

  test("holds the rules the services keep", async () => {
    const { prisma } = first;
    const broken = await prisma.$queryRaw<Array<{ rule: string; id: string }>>`
      SELECT 'order total = subtotal + tax' AS rule, id FROM "order"
        WHERE "totalMinor" <> "subtotalMinor" + "taxMinor"
      UNION ALL SELECT 'subtotal = sum of lines', o.id FROM "order" o
        JOIN order_line l ON l."orderId" = o.id GROUP BY o.id HAVING o."subtotalMinor" <> sum(l."lineTotalMinor")
      UNION ALL SELECT 'line total = price x quantity', id FROM order_line
        WHERE "lineTotalMinor" <> "unitPriceMinor" * quantity
      UNION ALL SELECT 'invoice bills its order total', i.id FROM invoice i JOIN "order" o ON o.id = i."orderId"
        WHERE i."totalMinor" <> o."totalMinor" OR i.currency <> o.currency
      UNION ALL SELECT 'balance = sum of succeeded payments', i.id FROM invoice i
        LEFT JOIN payment p ON p."invoiceId" = i.id AND p.status = 'succeeded'
        GROUP BY i.id HAVING i."paidMinor" <> coalesce(sum(p."amountMinor"), 0)
      UNION ALL SELECT 'paid means paid in full', id FROM invoice
        WHERE (status = 'paid') <> ("paidMinor" >= "totalMinor" AND status <> 'void')
      UNION ALL SELECT 'a void invoice received nothing, its order is cancelled', i.id FROM invoice i
        JOIN "order" o ON o.id = i."orderId" WHERE i.status = 'void' AND (i."paidMinor" <> 0 OR o.status <> 'cancelled')
      UNION ALL SELECT 'a paid invoice has a paid or fulfilled order', i.id FROM invoice i
        JOIN "order" o ON o.id = i."orderId" WHERE i.status = 'paid' AND o.status NOT IN ('paid', 'fulfilled')
      UNION ALL SELECT 'only placed or paid orders are invoiced', i.id FROM invoice i
        JOIN "order" o ON o.id = i."orderId" WHERE o.status IN ('draft') OR o."placedAt" > i."issuedAt"
      UNION ALL SELECT 'at most one live invoice per order', "orderId" FROM invoice
        WHERE status <> 'void' GROUP BY "orderId" HAVING count(*) > 1
      UNION ALL SELECT 'overdue only after the due date', id FROM invoice WHERE "overdueAt" <= "dueAt"
      UNION ALL SELECT 'nothing happens after now', id FROM "order"
        WHERE greatest("createdAt", "placedAt", "paidAt", "fulfilledAt", "cancelledAt") > ${NOW}
      UNION ALL SELECT 'no payment after now', id FROM payment WHERE "receivedAt" > ${NOW}
      UNION ALL SELECT 'payment in the invoice currency', p.id FROM payment p
        JOIN invoice i ON i.id = p."invoiceId" WHERE p.currency <> i.currency`;
    expect(broken).toEqual([]);
  });

  test("numbers invoices 1, 2, 3… in order of issue, and the counter continues after the last", async () => {
    const invoices = await first.prisma.invoice.findMany({
      where: { organizationId: DEMO_ORGANIZATION_ID },
      orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
      select: { number: true },
    });
    expect(invoices.map((invoice) => invoice.number)).toEqual(invoices.map((_, index) => index + 1));
    const counter = await first.prisma.invoiceCounter.findUniqueOrThrow({
      where: { organizationId: DEMO_ORGANIZATION_ID },
    });
    expect(counter.lastNumber).toBe(invoices.length);
  });

  test("writes an audit row for each step of each order", async () => {
    const { prisma } = first;
    const where = { organizationId: DEMO_ORGANIZATION_ID };
    const count = (action: string) => prisma.auditEvent.count({ where: { ...where, action } });
    expect(await count("order.created")).toBe(await prisma.order.count({ where }));
    expect(await count("order.placed")).toBe(
      await prisma.order.count({ where: { ...where, placedAt: { not: null } } }),
    );
    expect(await count("invoice.issued")).toBe(await prisma.invoice.count({ where }));
    expect(await count("invoice.voided")).toBe(
      await prisma.invoice.count({ where: { ...where, status: "void" } }),
    );
    expect(await count("invoice.overdue")).toBe(
      await prisma.invoice.count({ where: { ...where, overdueAt: { not: null } } }),
    );
    expect(await count("payment.succeeded")).toBe(
      await prisma.payment.count({ where: { ...where, status: "succeeded" } }),
    );
  });
});
