import {
  type EventFeed,
  type EventPosition,
  type FeedListener,
  latestPosition,
  pruneEvents,
  readEventsAfter,
  type StoredEvent,
} from "@tally/api";
import type { PrismaClient } from "@tally/db";
import type { EventsConfig } from "./events-config.ts";
import { openWakeups, type Wakeups } from "./wakeups.ts";

/** Events read per query; a backlog is read in pages of this, one after the other. */
const PAGE = 500;
const PRUNE_EVERY_MS = 10 * 60_000;

type Log = {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export type EventHub = EventFeed & {
  /** Listeners held now, by every stream in this process (tests count them to find leaks). */
  listenerCount(): number;
  /** Where this process has read up to. */
  readonly position: EventPosition;
  /** Reads now, in this process only (what a wake-up or the poll does). */
  wake(): void;
  close(): Promise<void>;
};

type Entry = { userId: string; listener: FeedListener };

/**
 * This process's one reader of the event table: woken by LISTEN/NOTIFY (or
 * its poll), it reads what is new once, for all its subscribers, and hands
 * each organisation's listeners that organisation's events. A listener that
 * joins gets the position the hub stands at; dispatch and the position move
 * together, synchronously, so it receives every event after that position
 * and nothing before it.
 */
export async function openEventHub({
  db,
  url,
  config,
  log,
}: {
  db: PrismaClient;
  /** The database, for the LISTEN connection; null polls only. */
  url: string | null;
  config: EventsConfig;
  log: Log;
}): Promise<EventHub> {
  let position = await latestPosition(db);
  const byOrganisation = new Map<string, Set<Entry>>();
  const byUser = new Map<string, number>();
  let reading: Promise<void> | null = null;
  let again = false;
  let failing = false;
  let closed = false;

  function dispatch(events: StoredEvent[]) {
    const grouped = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const list = grouped.get(event.organizationId);
      if (list) list.push(event);
      else grouped.set(event.organizationId, [event]);
    }
    for (const [organizationId, batch] of grouped)
      for (const entry of byOrganisation.get(organizationId) ?? []) entry.listener(batch);
  }

  async function readNew() {
    do {
      again = false;
      for (;;) {
        const events = await readEventsAfter(db, { after: position, limit: PAGE });
        const last = events.at(-1);
        if (!last) break;
        position = last.position;
        dispatch(events);
        if (events.length < PAGE) break;
      }
    } while (again && !closed);
  }

  let listeners = 0;

  function wake() {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = readNew()
      .then(
        () => {
          if (failing) log.info({}, "event hub reading again");
          failing = false;
        },
        (error: unknown) => {
          if (!failing) log.warn({ err: error }, "event hub cannot read events: retrying on the next poll");
          failing = true;
        },
      )
      .finally(() => {
        reading = null;
      });
  }

  /**
   * A commit here or a NOTIFY from elsewhere is read at once only for someone
   * listening in this process; with no one, the poll alone keeps the position
   * current. A stream that joins then starts from a position up to one poll
   * old, and skips what it has already seen (events.stream.ts reads the
   * latest position itself), so no one misses anything, and a process serving
   * writes but no streams (a worker, an API server no browser watches) does
   * not read the table once per write.
   */
  function wakeForListeners() {
    if (listeners > 0) wake();
  }

  const wakeups: Wakeups | null = url && config.listen ? openWakeups(url, wakeForListeners, log) : null;
  const poll = setInterval(wake, config.pollMs);
  poll.unref();
  const prune = setInterval(() => {
    pruneEvents(db, new Date(Date.now() - config.retentionMs)).catch((error: unknown) =>
      log.warn({ err: error }, "pruning old events failed"),
    );
  }, PRUNE_EVERY_MS);
  prune.unref();

  return {
    listen({ organizationId, userId }, listener) {
      const entry: Entry = { userId, listener };
      const entries = byOrganisation.get(organizationId) ?? new Set<Entry>();
      byOrganisation.set(organizationId, entries);
      entries.add(entry);
      listeners += 1;
      byUser.set(userId, (byUser.get(userId) ?? 0) + 1);
      let stopped = false;
      return {
        position,
        stop() {
          if (stopped) return;
          stopped = true;
          entries.delete(entry);
          listeners -= 1;
          if (entries.size === 0) byOrganisation.delete(organizationId);
          const open = (byUser.get(userId) ?? 1) - 1;
          if (open === 0) byUser.delete(userId);
          else byUser.set(userId, open);
        },
      };
    },
    openFor: (userId) => byUser.get(userId) ?? 0,
    changed() {
      wakeForListeners();
      wakeups?.announce();
    },
    wake,
    listenerCount: () => listeners,
    get position() {
      return position;
    },
    async close() {
      closed = true;
      clearInterval(poll);
      clearInterval(prune);
      await wakeups?.close();
      await reading;
    },
  };
}
