import type { Prisma } from "@tally/db";
import type { EventData, EventKind } from "@tally/validators";
import type { Db } from "../transaction.ts";

/** One event to record, typed by its kind: `data` has that kind's shape (@tally/validators eventDataByKind). */
export type EventInput = {
  [K in EventKind]: { organizationId: string; kind: K; recordId: string; data: EventData<K> };
}[EventKind];

/**
 * Records what a change did, in the change's own transaction: pass the
 * transaction client, so the events commit with the change or vanish with it.
 * One INSERT however many events, and no other round trip: this runs inside
 * every write that matters, orders.place among them. Subscribers are woken
 * after the commit (the host's event hub), not from here.
 */
export async function recordEvents(tx: Db, events: readonly EventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.domainEvent.createMany({
    data: events.map(({ organizationId, kind, recordId, data }) => ({
      organizationId,
      kind,
      recordId,
      data: data as Prisma.InputJsonObject,
    })),
  });
}

export function recordEvent(tx: Db, event: EventInput): Promise<void> {
  return recordEvents(tx, [event]);
}
