import type { EventPosition, StoredEvent } from "./events.read.ts";

/** Receives every batch of an organisation's events, in stream order, as the feed reads them. */
export type FeedListener = (events: readonly StoredEvent[]) => void;

export type FeedSubscription = {
  /** Where the feed stood when the listener joined: every later event reaches the listener. */
  position: EventPosition;
  stop(): void;
};

/**
 * This process's view of the event stream (the host's event hub): it reads
 * new events once for every subscriber it holds and hands each organisation
 * its own. The rules only listen and say when they changed something.
 */
export interface EventFeed {
  listen(subscriber: { organizationId: string; userId: string }, listener: FeedListener): FeedSubscription;
  /** How many streams this user has open in this process. */
  openFor(userId: string): number;
  /** Something committed here that may have recorded events: wake every instance's readers. */
  changed(): void;
}
