import { type Auth, createAuth } from "@tally/auth";
import { getDatabase } from "./database";

const processWide = globalThis as typeof globalThis & { tallyAuth?: Promise<Auth> };

/** The process's auth instance, on the process's database; created on first use like the database. */
export function getAuth(): Promise<Auth> {
  processWide.tallyAuth ??= getDatabase().then(({ prisma }) => createAuth({ prisma }));
  return processWide.tallyAuth;
}
