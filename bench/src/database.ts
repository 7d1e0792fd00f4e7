// A fresh PostgreSQL database for the run, migrated with the project's own
// tool and seeded with the demo organisation, its users and products.
import { createAuth } from "@tally/auth";
import { seedDemoWithUsers } from "@tally/auth/seed";
import { openDatabase } from "@tally/db";
import { deployMigrations } from "@tally/db/migrate";
import { DEMO_ORGANIZATION_ID } from "@tally/db/seed";
import pg from "pg";

export const BENCH_DATABASE_NAME = "tally_bench";
/** The product the mutation scenario archives: idempotent after the first call, so every call does the same work. */
export const MUTATION_PRODUCT_ID = "prod_bench_mutation";

/** Drops and recreates `tally_bench` (or `name`) on the server `serverUrl` points at; returns the new database's URL. */
export async function prepareBenchDatabase(serverUrl: string, name = BENCH_DATABASE_NAME): Promise<string> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await deployMigrations({ kind: "postgres", url: url.href });

  const database = await openDatabase({ kind: "postgres", url: url.href, poolSize: 2 });
  const { prisma } = database;
  try {
    await seedDemoWithUsers(prisma, createAuth({ prisma }));
    await prisma.product.create({
      data: {
        id: MUTATION_PRODUCT_ID,
        organizationId: DEMO_ORGANIZATION_ID,
        sku: "BENCH-MUTATION",
        name: "zz Bench mutation target",
        priceMinor: 100,
        currency: "USD",
        stock: 1,
      },
    });
  } finally {
    await database.close();
  }
  return url.href;
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
