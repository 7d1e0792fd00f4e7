import { createAuth } from "../packages/auth/src/index.ts";
import { seedDemoWithUsers } from "../packages/auth/src/seed.ts";
import { openDatabase } from "../packages/db/src/index.ts";
import { DEMO_PASSWORD, demoUsers, seedDemoBusiness } from "../packages/db/src/seed-data.ts";

const database = await openDatabase();
try {
  const seeded = await seedDemoWithUsers(database.prisma, createAuth({ prisma: database.prisma }));
  console.log(`seed: ${seeded.organizationId} with ${seeded.users} users and ${seeded.products} products`);
  const business = await seedDemoBusiness(database.prisma);
  console.log(
    `seed: ${business.seeded ? "wrote" : "found"} ${business.customers} customers, ${business.orders} orders, ` +
      `${business.invoices} invoices and ${business.payments} payments`,
  );
  console.log(
    `seed: sign in as ${demoUsers.map((user) => user.email).join(" or ")}, password "${DEMO_PASSWORD}"`,
  );
} finally {
  await database.close();
}
