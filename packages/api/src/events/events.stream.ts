import type { DeliveredEvent, EventsSubscriptionInput } from "@tally/validators";
import { TRPCError, tracked } from "@trpc/server";
import type { OrgContext } from "../trpc.ts";
import type { EventFeed } from "./event-feed.ts";
import {
  cursorOf,
  type EventPosition,
  isAfter,
  latestPosition,
  oldestPosition,
  positionOf,
  readEventsAfter,
  type StoredEvent,
} from "./events.read.ts";
import { Inbox } from "./inbox.ts";

/**
 * What a subscriber receives: an event, or word that it missed some (it was
 * away past the retention window, too far behind, or too slow to keep up)
 * and must refetch what it shows. A new stream (no last event id) opens with
 * `ready`, its starting point: a connection lost before the first event then
 * resumes from there instead of from whenever it reconnects. Each carries a
 * tracked id to resume from.
 */
export type EventMessage =
  | { type: "event"; event: DeliveredEvent }
  | { type: "resync"; reason: "retention" | "behind" | "slow" }
  | { type: "ready" };

const CATCH_UP_PAGE = 200;

/**
 * `events.onChange`. The caller's membership was checked when it subscribed
 * (orgProcedure); it is checked again whenever a member of the organisation
 * is removed and every `recheckMs`, and the stream ends with FORBIDDEN once
 * it no longer holds. Every event comes from the caller's organisation: the
 * feed hands each listener only its own, and catch-up reads are scoped too.
 */
export async function* streamEvents(
  ctx: OrgContext,
  input: EventsSubscriptionInput,
  signal: AbortSignal | undefined,
) {
  const feed = eventFeedOf(ctx);
  const limits = ctx.config.subscriptions;
  if (feed.openFor(ctx.user.id) >= limits.perUser)
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `At most ${limits.perUser} live streams per user: close one first`,
    });
  if (ctx.connection.subscriptions >= limits.perConnection)
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `At most ${limits.perConnection} live streams per connection`,
    });

  const stopped = signal ?? new AbortController().signal;
  const wanted = matcher(input);
  const inbox = new Inbox<StoredEvent>(limits.buffer);
  let accessCheckDue = false;
  let lastSeen: EventPosition | null = null;
  const live = feed.listen({ organizationId: ctx.org.id, userId: ctx.user.id }, (events) => {
    for (const event of events)
      if (event.kind === "member.removed" && event.data.userId === ctx.user.id) accessCheckDue = true;
    lastSeen = events.at(-1)?.position ?? lastSeen;
    inbox.push(events.filter(wanted));
    if (accessCheckDue) inbox.poke();
  });
  ctx.connection.subscriptions += 1;
  const recheck = setInterval(() => {
    accessCheckDue = true;
    inbox.poke();
  }, limits.recheckMs);

  try {
    // The hub's position can be older than this call (it reads at once only for listeners, and
    // otherwise on its poll), so a stream's start is never before what the table holds now.
    let cursor = live.position;
    const start = input.lastEventId
      ? yield* catchUp(ctx, positionOf(input.lastEventId), wanted, limits.catchUpMax)
      : await latestPosition(ctx.db);
    if (isAfter(start, cursor)) cursor = start;
    if (!input.lastEventId) yield tracked(cursorOf(cursor), { type: "ready" } satisfies EventMessage);
    for (;;) {
      const { items, overflowed } = await inbox.take(stopped);
      // tRPC ends the response quietly on an AbortError (the client left, or the stream's maximum
      // duration); a host's own abort reason (Next's ResponseAborted) would be reported as a failure.
      if (stopped.aborted) throw new DOMException("The stream was closed", "AbortError");
      if (accessCheckDue) {
        accessCheckDue = false;
        await ensureStillMember(ctx);
      }
      if (overflowed) {
        cursor = lastSeen ?? cursor;
        yield tracked(cursorOf(cursor), resync("slow"));
        continue;
      }
      for (const event of items) {
        if (!isAfter(event.position, cursor)) continue; // already sent while catching up
        cursor = event.position;
        yield tracked(event.id, { type: "event", event: publicView(event) } satisfies EventMessage);
      }
    }
  } finally {
    clearInterval(recheck);
    live.stop();
    ctx.connection.subscriptions -= 1;
  }
}

/**
 * Sends what happened after `from`, from the table, and returns where it got
 * to. When the caller must resync instead (events after `from` were pruned,
 * or there are more than `max` to scan), it says so and returns where the
 * table stood when it decided: what the resync's refetch will already show.
 */
async function* catchUp(
  ctx: OrgContext,
  from: EventPosition,
  wanted: (event: StoredEvent) => boolean,
  max: number,
) {
  const oldest = await oldestPosition(ctx.db);
  // Pruning removes the oldest events first, so a reader behind the oldest one left may have missed some.
  if (!oldest || isAfter(oldest, from)) {
    const now = await latestPosition(ctx.db);
    yield tracked(cursorOf(from), resync("retention"));
    return now;
  }
  let cursor = from;
  let scanned = 0;
  for (;;) {
    const page = await readEventsAfter(ctx.db, {
      after: cursor,
      organizationId: ctx.org.id,
      limit: CATCH_UP_PAGE,
    });
    scanned += page.length;
    if (scanned > max) {
      const now = await latestPosition(ctx.db);
      yield tracked(cursorOf(from), resync("behind"));
      return now;
    }
    for (const event of page) {
      cursor = event.position;
      if (wanted(event))
        yield tracked(event.id, { type: "event", event: publicView(event) } satisfies EventMessage);
    }
    if (page.length < CATCH_UP_PAGE) return cursor;
  }
}

function resync(reason: "retention" | "behind" | "slow"): EventMessage {
  return { type: "resync", reason };
}

/** A record matches its own events and those that name it as their order or invoice. */
function matcher({ kinds, recordIds }: EventsSubscriptionInput) {
  const kindSet = kinds ? new Set<string>(kinds) : null;
  const recordSet = recordIds ? new Set(recordIds) : null;
  return (event: StoredEvent) => {
    if (kindSet && !kindSet.has(event.kind)) return false;
    if (!recordSet) return true;
    if (recordSet.has(event.recordId)) return true;
    const related = event.data as { orderId?: unknown; invoiceId?: unknown };
    return (
      (typeof related.orderId === "string" && recordSet.has(related.orderId)) ||
      (typeof related.invoiceId === "string" && recordSet.has(related.invoiceId))
    );
  };
}

function publicView({ id, kind, recordId, data, createdAt }: StoredEvent): DeliveredEvent {
  return { id, kind, recordId, data, createdAt } as DeliveredEvent;
}

/** The member still belongs to the organisation and their session still stands; else the stream ends. */
async function ensureStillMember(ctx: OrgContext) {
  // Partner keys name no scope that reaches a live stream; only a session can hold one open.
  if (!ctx.session)
    throw new TRPCError({ code: "FORBIDDEN", message: "Live events need a signed-in session" });
  const member = await ctx.db.member.findFirst({
    where: {
      organizationId: ctx.org.id,
      userId: ctx.user.id,
      user: { sessions: { some: { token: ctx.session.token, expiresAt: { gt: new Date() } } } },
    },
    select: { id: true },
  });
  if (!member)
    throw new TRPCError({ code: "FORBIDDEN", message: "You are no longer a member of this organisation" });
}

function eventFeedOf(ctx: OrgContext): EventFeed {
  if (ctx.events) return ctx.events;
  // A host wired without its event hub: a deployment mistake, not the caller's.
  throw new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Live updates are unavailable: this host has no event hub",
  });
}
