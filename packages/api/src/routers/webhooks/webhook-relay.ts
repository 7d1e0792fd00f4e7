import type { Prisma, PrismaClient } from "@tally/db";
import { enqueue, type Queue } from "@tally/jobs";
import { readEventsAfter, STREAM_START, type StoredEvent } from "../../events/events.read.ts";
import type { Logger } from "../../logger.ts";

const RELAY_LOCK = "tally:webhook-relay";

/** The body every receiver gets: the event as the stream holds it (ids, statuses, amounts). */
export function webhookPayload(event: StoredEvent) {
  return {
    id: event.id,
    kind: event.kind,
    organizationId: event.organizationId,
    recordId: event.recordId,
    data: event.data,
    createdAt: event.createdAt.toISOString(),
  };
}

/**
 * Turns new events into deliveries: reads the stream after the relay's
 * cursor, writes a delivery row and a `webhooks.deliver` job for every
 * enabled endpoint of the event's organisation that wants its kind (and
 * existed when it happened), and moves the cursor, all in one transaction.
 * Requests do nothing for webhooks beyond the event row they already write.
 * Several workers may run this; a transaction-scoped advisory lock lets one
 * relay at a time, and a crash rolls back rows, jobs and cursor together.
 */
export async function relayEvents(db: PrismaClient, queue: Queue, { batch = 200 } = {}): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ taken: boolean }>>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${RELAY_LOCK}, 0)) AS taken`;
      if (!lock?.taken) return 0;
      const cursor = await tx.webhookRelayCursor.findUnique({ where: { id: 1 } });
      const after = cursor ? { txid: BigInt(cursor.txid), id: BigInt(cursor.eventId) } : STREAM_START;
      const events = await readEventsAfter(tx, { after, limit: batch });
      const last = events.at(-1);
      if (!last) return 0;
      await createDeliveries(tx, queue, events);
      const position = { txid: last.position.txid.toString(), eventId: last.position.id.toString() };
      await tx.webhookRelayCursor.upsert({
        where: { id: 1 },
        create: { id: 1, ...position },
        update: position,
      });
      return events.length;
    },
    { timeout: 30_000 },
  );
}

async function createDeliveries(tx: Prisma.TransactionClient, queue: Queue, events: StoredEvent[]) {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      organizationId: { in: [...new Set(events.map((event) => event.organizationId))] },
      disabledAt: null,
    },
    select: { id: true, organizationId: true, eventKinds: true, createdAt: true },
  });
  if (endpoints.length === 0) return;
  const rows = events.flatMap((event) =>
    endpoints
      .filter(
        (endpoint) =>
          endpoint.organizationId === event.organizationId &&
          endpoint.eventKinds.includes(event.kind) &&
          endpoint.createdAt <= event.createdAt,
      )
      .map((endpoint) => ({
        organizationId: event.organizationId,
        endpointId: endpoint.id,
        eventId: event.id,
        eventKind: event.kind,
        payload: webhookPayload(event) as Prisma.InputJsonObject,
      })),
  );
  if (rows.length === 0) return;
  const created = await tx.webhookDelivery.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, organizationId: true },
  });
  for (const delivery of created)
    await enqueue(
      queue,
      tx,
      "webhooks.deliver",
      { organizationId: delivery.organizationId, deliveryId: delivery.id },
      {
        organizationId: delivery.organizationId,
      },
    );
}

/**
 * Relays every `intervalMs` in a worker process, at once again while batches
 * come back full. Returns a stop function that waits for the pass under way.
 */
export function startWebhookRelay({
  db,
  queue,
  log,
  intervalMs = 1_000,
}: {
  db: PrismaClient;
  queue: Queue;
  log: Logger;
  intervalMs?: number;
}): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      while (!stopped && (await relayEvents(db, queue)) >= 200) {}
    } catch (error) {
      log.warn({ err: error }, "webhook relay pass failed; trying again");
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  const tick = () => {
    running = pass();
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
