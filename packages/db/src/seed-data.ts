import type { PrismaClient } from "./client.ts";
import { writeDemoBusiness } from "./seed/business.ts";

export { type DemoBusinessOptions, writeDemoBusiness } from "./seed/business.ts";

/** The organisation the demo users belong to. */
export const DEMO_ORGANIZATION_ID = "org_demo";

/** Development only: printed in the README so anyone can sign in to a fresh clone. */
export const DEMO_PASSWORD = "tally-demo-password";

export const demoUsers = [
  { name: "Alice Owner", email: "alice@demo.tally.test", role: "owner" },
  { name: "Bob Member", email: "bob@demo.tally.test", role: "member" },
] as const;

const demoProducts: ReadonlyArray<[sku: string, name: string, priceMinor: number, stock: number]> = [
  ["PAP-A4-500", "A4 copy paper, 500 sheets", 649, 400],
  ["PAP-A3-250", "A3 copy paper, 250 sheets", 899, 120],
  ["PEN-BLK-12", "Ballpoint pens, black, box of 12", 475, 300],
  ["PEN-BLU-12", "Ballpoint pens, blue, box of 12", 475, 260],
  ["NTB-A5-DOT", "Dotted notebook A5", 1150, 90],
  ["STP-STD-24", "Standard stapler", 1899, 45],
  ["STP-PIN-5K", "Staples 24/6, 5,000", 299, 500],
  ["FLD-LVR-A4", "Lever arch file A4", 399, 150],
  ["ENV-C4-250", "C4 envelopes, 250", 2450, 60],
  ["TNR-HP-26A", "Toner cartridge 26A", 8900, 25],
  ["LBL-ADDR-1K", "Address labels, 1,000", 1599, 80],
  ["DSK-ORG-3T", "Desk organiser, 3 tiers", 2799, 30],
];

/**
 * Idempotent: running it twice leaves one demo organisation with the same
 * rows. The demo users must exist already (they are made through the auth
 * library, which owns password hashing: see prisma/seed.ts).
 */
export async function seedDemo(prisma: PrismaClient) {
  const organizationId = DEMO_ORGANIZATION_ID;
  await prisma.organization.upsert({
    where: { id: organizationId },
    create: { id: organizationId, name: "Demo Supplies Co.", slug: "demo" },
    update: {},
  });
  for (const { email, role } of demoUsers) {
    const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) continue;
    await prisma.member.upsert({
      where: { organizationId_userId: { organizationId, userId: user.id } },
      create: { id: `member_${organizationId}_${user.id}`, organizationId, userId: user.id, role },
      update: {},
    });
  }
  for (const [sku, name, priceMinor, stock] of demoProducts) {
    await prisma.product.upsert({
      where: { organizationId_sku: { organizationId, sku } },
      create: { organizationId, sku, name, priceMinor, currency: "USD", stock },
      update: {},
    });
  }
  return { organizationId, users: demoUsers.length, products: demoProducts.length };
}

/** Stock after six months of trade: a few products are running low. */
const demoStockLevels: Readonly<Record<string, number>> = {
  "TNR-HP-26A": 4,
  "DSK-ORG-3T": 2,
  "ENV-C4-250": 7,
  "STP-STD-24": 0,
};

/**
 * Six months of trade for the demo organisation (customers, orders in every
 * state, invoices paid, part-paid, overdue and void, their payments and audit
 * rows), dated back from `now`'s day. Deterministic for a given day and
 * written once: a later run changes nothing. Run after `seedDemo`.
 */
export function seedDemoBusiness(prisma: PrismaClient, { now = new Date() }: { now?: Date } = {}) {
  return writeDemoBusiness(prisma, {
    organizationId: DEMO_ORGANIZATION_ID,
    skus: demoProducts.map(([sku]) => sku),
    stockLevels: demoStockLevels,
    actorEmail: demoUsers[0].email,
    now,
  });
}
