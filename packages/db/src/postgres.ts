import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./client.ts";

/**
 * Interactive transactions may wait up to 10 s for a connection and run up to
 * 15 s (Prisma's defaults, 2 s and 5 s, fail sign-ups on a busy 2-core machine:
 * the auth library hashes and writes inside one). Still bounded, so a stuck
 * transaction cannot hold its locks for long.
 */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 15_000 };

export function connectPostgres(url: string, poolSize = 10) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolSize }),
    transactionOptions: TRANSACTION_LIMITS,
  });
}
