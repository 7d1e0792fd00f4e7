import type { Prisma, PrismaClient } from "@tally/db";

/**
 * What services query through: the client itself, or the client of a
 * transaction a middleware (idempotency) has open for this call. Either way
 * it cannot begin a transaction of its own; `inTransaction` does that.
 */
export type Db = Prisma.TransactionClient;

export type TransactionOptions = { maxWait?: number; timeout?: number };

/** The part of a procedure's context that reaches the database. */
export type DbScope = {
  db: Db;
  /** The client that begins transactions; null while `db` is an open transaction's client. */
  transactionStarter: PrismaClient | null;
};

/**
 * Runs `work` in the call's open transaction, or in a new one when none is
 * open. A service that must be atomic says so with this, and stays atomic
 * whether it is called alone or inside the idempotency middleware's
 * transaction (where its writes commit or roll back with the stored
 * response). Options apply only to a new transaction: inside an open one the
 * outer transaction's limits hold.
 */
export function inTransaction<T>(
  scope: DbScope,
  work: (tx: Db) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  return scope.transactionStarter ? scope.transactionStarter.$transaction(work, options) : work(scope.db);
}
