import { openDatabase, seedDemo } from "../packages/db/src/index.ts";

const database = await openDatabase();
try {
  const seeded = await seedDemo(database.prisma);
  console.log(`seed: ${seeded.organizationId} with ${seeded.users} users and ${seeded.products} products`);
} finally {
  await database.close();
}
