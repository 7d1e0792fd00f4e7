import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./client.ts";

export function connectPostgres(url: string, poolSize = 10) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}
