import type { Prisma } from "@tally/db";
import { fromPrisma } from "pg-boss";
import type { JobName, JobPayloads } from "./catalogue.ts";
import type { Queue } from "./queue.ts";

export type EnqueueOptions = {
  /** Whose work it is: the per-organisation concurrency limit groups by it. */
  organizationId?: string;
  /** Not before this time. */
  startAfter?: Date;
  /** At most one queued or running job per key (pg-boss singleton). */
  singletonKey?: string;
};

/**
 * Enqueues a job inside the transaction that causes it: the job exists if and
 * only if that transaction commits. Returns the job's id.
 */
export function enqueue<Name extends JobName>(
  queue: Queue,
  tx: Prisma.TransactionClient,
  name: Name,
  data: JobPayloads[Name],
  options: EnqueueOptions = {},
): Promise<string> {
  return enqueueAny(queue, tx, name, data, options);
}

/** `enqueue` for any declared queue, typed or not (tests bring queues of their own). */
export async function enqueueAny(
  queue: Queue,
  tx: Prisma.TransactionClient,
  name: string,
  data: object,
  options: EnqueueOptions = {},
): Promise<string> {
  const id = await queue.boss.send(name, data, {
    // The caller's transaction as pg-boss's database: the insert commits or rolls back with it.
    db: fromPrisma(tx),
    ...(options.organizationId ? { group: { id: options.organizationId } } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
  });
  if (!id) throw new Error(`${name} was not enqueued (a job with the same singleton key is queued)`);
  return id;
}
