/**
 * Live streams through the real event hub on a real database: what a member
 * receives, what nobody else does, resuming, resyncing, limits and leaks.
 * The HTTP transports (SSE, WebSocket) and several processes are tested in
 * apps/server; this is the hub and the subscription procedure themselves.
 */
import { defaultRulesConfig, type EventMessage, pruneEvents } from "@tally/api";
import {
  billingOrganisation,
  type Caller,
  createTestApi,
  type TestApi,
  type TestUser,
} from "@tally/api/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type EventHub, openEventHub } from "./event-hub.ts";
import type { EventsConfig } from "./events-config.ts";

const silent = { warn() {}, info() {}, error() {} };
const HUB: EventsConfig = { pollMs: 200, listen: true, retentionMs: 3_600_000 };

let api: TestApi;
let hub: EventHub;
beforeAll(async () => {
  api = await createTestApi({
    config: {
      ...defaultRulesConfig,
      subscriptions: { perUser: 3, perConnection: 5, buffer: 5, recheckMs: 60_000, catchUpMax: 20 },
    },
  });
  hub = await openEventHub({ db: api.db, url: api.url, config: HUB, log: silent });
  api.useEvents(hub);
});
afterAll(async () => {
  await hub?.close();
  await api?.close();
});

type Message = { id: string; data: EventMessage };

/**
 * Opens `events.onChange` as a member would and starts it (as a transport
 * does at once), waiting until its listener is in the hub; then reads it
 * message by message, only when asked (so a test can be a slow reader).
 */
async function subscribe(
  user: Pick<TestUser, "token">,
  input: Parameters<Caller["events"]["onChange"]>[0] = {},
) {
  const abort = new AbortController();
  const caller = api.callerWith(new Headers({ authorization: `Bearer ${user.token}` }), {
    signal: abort.signal,
  });
  const iterable = (await caller.events.onChange(input)) as AsyncIterable<[string, EventMessage]>;
  const iterator = iterable[Symbol.asyncIterator]();
  const listeners = hub.listenerCount();
  // A new stream's starting point (tested on its own below) is skipped: the tests read what changed.
  const nextMessage = async (): Promise<IteratorResult<[string, EventMessage]>> => {
    for (;;) {
      const result = await iterator.next();
      if (result.done || result.value[1].type !== "ready") return result;
    }
  };
  let pending: Promise<IteratorResult<[string, EventMessage]>> | null = nextMessage();
  let settled = false;
  pending.then(
    () => {
      settled = true;
    },
    () => {
      settled = true; // read (and asserted) by the test that expects it to fail
    },
  );
  const started = Date.now();
  while (!settled && hub.listenerCount() === listeners && Date.now() - started < 5_000)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const read = () => {
    const result = pending ?? nextMessage();
    pending = null;
    return result;
  };
  return {
    /** The next message within `ms`, or null (the read stays pending for the next call). */
    async next(ms = 3_000): Promise<Message | null> {
      const result = read();
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));
      const first = await Promise.race([result, timeout]);
      if (first === null) {
        pending = result;
        result.catch(() => {}); // a stream closed before this read finished
        return null;
      }
      if (first.done) throw new Error("the stream ended");
      const [id, data] = first.value;
      return { id, data };
    },
    /** The next read's own promise, for a test that expects the stream to fail. */
    failure: () => read(),
    close() {
      abort.abort();
      return iterator.return?.();
    },
  };
}

async function kindsOf(stream: Awaited<ReturnType<typeof subscribe>>, count: number) {
  const kinds: string[] = [];
  for (let n = 0; n < count; n++) {
    const message = await stream.next();
    if (!message) break;
    const { data } = message;
    kinds.push(
      data.type === "event" ? data.event.kind : data.type === "resync" ? `resync:${data.reason}` : data.type,
    );
  }
  return kinds;
}

describe("a member's stream", () => {
  test("delivers the organisation's events as they commit, and none of another organisation's", async () => {
    const alice = await billingOrganisation(api, "Alice live");
    const bob = await billingOrganisation(api, "Bob live");
    const alices = await subscribe(alice.owner);
    const bobs = await subscribe(bob.owner);

    const order = await alice.placedOrder();
    const received = await alices.next();
    expect(received?.data).toMatchObject({
      type: "event",
      event: { kind: "order.created", recordId: order.id },
    });
    expect(await kindsOf(alices, 2)).toEqual(["order.placed", "stock.changed"]);

    // Bob's first message is his own: nothing of Alice's came before it.
    const draft = await bob.draftOrder();
    expect((await bobs.next())?.data).toMatchObject({ event: { kind: "order.created", recordId: draft.id } });
    expect(await bobs.next(300)).toBeNull();
    await Promise.all([alices.close(), bobs.close()]);
  });

  test("a new stream opens with its starting point: cut before any event, it resumes from there and misses nothing", async () => {
    const shop = await billingOrganisation(api, "Ready live");
    const abort = new AbortController();
    const caller = api.callerWith(new Headers({ authorization: `Bearer ${shop.owner.token}` }), {
      signal: abort.signal,
    });
    const stream = (await caller.events.onChange({})) as AsyncIterable<[string, EventMessage]>;
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    const [readyId, ready] = first.value as [string, EventMessage];
    expect(ready).toEqual({ type: "ready" });
    abort.abort();
    await iterator.return?.();

    // The connection is gone before any event; an order is created before the client is back.
    const draft = await shop.draftOrder();
    const resumed = await subscribe(shop.owner, { lastEventId: readyId });
    expect((await resumed.next())?.data).toMatchObject({
      type: "event",
      event: { kind: "order.created", recordId: draft.id },
    });
    expect(await resumed.next(300)).toBeNull();
    await resumed.close();
  });

  test("every event of one transaction arrives: a payment that settles its invoice", async () => {
    const shop = await billingOrganisation(api, "Settled live");
    const invoice = await shop.issuedInvoice();
    // Only the payment's kinds: the invoice's own events may still be on their way to the hub.
    const stream = await subscribe(shop.owner, { kinds: ["payment.received", "invoice.paid", "order.paid"] });
    const { receivePaymentEvent } = await import("@tally/api");
    await receivePaymentEvent(
      api.db,
      {
        id: `evt_${Date.now()}`,
        type: "payment.succeeded",
        data: {
          invoiceId: invoice.id,
          amountMinor: invoice.totalMinor,
          currency: "USD",
          paymentId: `pay_${Date.now()}`,
        },
      },
      "request-1",
    );
    hub.changed(); // as the webhook receiver does once the event is applied
    expect(await kindsOf(stream, 3)).toEqual(["payment.received", "invoice.paid", "order.paid"]);
    await stream.close();
  });

  test("filters by kind and by record (a record's own events and those naming it)", async () => {
    const shop = await billingOrganisation(api, "Filters");
    const watched = await shop.placedOrder();
    const invoices = await subscribe(shop.owner, { kinds: ["invoice.issued"] });
    const oneOrder = await subscribe(shop.owner, { recordIds: [watched.id] });

    await shop.placedOrder(); // another order: neither stream wants it
    const invoice = await shop.caller.invoices.issue({ orderId: watched.id });
    expect((await invoices.next())?.data).toMatchObject({
      event: { kind: "invoice.issued", recordId: invoice.id },
    });
    // The invoice names the order, so the order's page hears of it.
    expect((await oneOrder.next())?.data).toMatchObject({
      event: { kind: "invoice.issued", data: { orderId: watched.id } },
    });
    expect(await oneOrder.next(300)).toBeNull();
    await Promise.all([invoices.close(), oneOrder.close()]);
  });

  test("resumes after its last event id: nothing lost, nothing twice", async () => {
    const shop = await billingOrganisation(api, "Resume");
    const first = await subscribe(shop.owner, { kinds: ["order.created"] });
    await shop.draftOrder();
    const seen = await first.next();
    await first.close();

    const missed = [await shop.draftOrder(), await shop.draftOrder(), await shop.draftOrder()];
    const again = await subscribe(shop.owner, { kinds: ["order.created"], lastEventId: seen?.id });
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const message = await again.next();
      if (message?.data.type === "event") ids.push(message.data.event.recordId);
    }
    expect(ids).toEqual(missed.map((order) => order.id));
    expect(await again.next(300)).toBeNull();
    await again.close();
  });

  test("a subscriber back after the retention window is told to resync, then gets what happens next", async () => {
    const shop = await billingOrganisation(api, "Retention");
    const first = await subscribe(shop.owner);
    await shop.draftOrder();
    const seen = await first.next();
    await first.close();
    await shop.draftOrder();
    await shop.draftOrder();
    await pruneEvents(api.db, new Date(Date.now() + 60_000)); // everything but the newest event is past it

    const again = await subscribe(shop.owner, { lastEventId: seen?.id });
    expect((await again.next())?.data).toEqual({ type: "resync", reason: "retention" });
    const later = await shop.draftOrder();
    expect((await again.next())?.data).toMatchObject({ event: { recordId: later.id } });
    await again.close();
  });

  test("one too far behind to catch up from the table resyncs instead", async () => {
    const shop = await billingOrganisation(api, "Behind");
    const first = await subscribe(shop.owner);
    await shop.draftOrder();
    const seen = await first.next();
    await first.close();
    for (let n = 0; n < 21; n++) await shop.draftOrder(); // 21 events: past catchUpMax (20)
    const again = await subscribe(shop.owner, { lastEventId: seen?.id });
    expect((await again.next())?.data).toEqual({ type: "resync", reason: "behind" });
    await again.close();
  });

  test("a slow subscriber holds at most its buffer, then is told to resync and carries on", async () => {
    const shop = await billingOrganisation(api, "Slow");
    const slow = await subscribe(shop.owner, { kinds: ["order.created"] });
    // Its first read takes the first event; it reads nothing more while seven more arrive, two past its buffer.
    for (let n = 0; n < 8; n++) await shop.draftOrder();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await slow.next())?.data.type).toBe("event");
    expect((await slow.next())?.data).toEqual({ type: "resync", reason: "slow" });
    const after = await shop.draftOrder();
    expect((await slow.next())?.data).toMatchObject({ event: { recordId: after.id } });
    await slow.close();
  });
});

describe("who may listen", () => {
  test("an anonymous caller, and a user with no organisation, are refused when they subscribe", async () => {
    const before = hub.listenerCount();
    await expect(api.anonymous().events.onChange({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const loner = await api.signUp("Loner");
    await expect(loner.caller.events.onChange({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(hub.listenerCount()).toBe(before);
  });

  test("a member who is removed has their stream ended within a second", async () => {
    const shop = await billingOrganisation(api, "Removal");
    const bob = await shop.join("member", "Bob");
    const before = hub.listenerCount();
    const stream = await subscribe(bob);
    const ended = stream.failure();
    ended.catch(() => {}); // asserted below
    await shop.caller.org.members.remove({ memberId: bob.memberId });
    // Timed from the removal's commit (the call's answer), not from the call: a loaded machine slows the call itself.
    const removedAt = Date.now();
    await expect(ended).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(Date.now() - removedAt).toBeLessThan(1_000);
    expect(hub.listenerCount()).toBe(before);
  });

  test("a user may hold three streams at once here; the fourth is refused until one closes", async () => {
    const shop = await billingOrganisation(api, "Limits");
    const open = [await subscribe(shop.owner), await subscribe(shop.owner), await subscribe(shop.owner)];
    await shop.draftOrder();
    for (const stream of open) await stream.next();
    const fourth = await subscribe(shop.owner);
    await expect(fourth.failure()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await open[0]?.close();
    const fifth = await subscribe(shop.owner);
    await shop.draftOrder();
    expect((await fifth.next())?.data.type).toBe("event");
    await Promise.all([...open.slice(1), fifth].map((stream) => stream.close()));
  });

  test("a stream whose client goes leaves no listener behind", async () => {
    const shop = await billingOrganisation(api, "Leaks");
    const before = hub.listenerCount();
    const streams = await Promise.all([1, 2, 3].map(() => subscribe(shop.owner)));
    await shop.draftOrder();
    for (const stream of streams) await stream.next();
    expect(hub.listenerCount()).toBe(before + 3);
    // One is aborted while it waits, as a closed connection does; the others are returned from.
    const waiting = streams[0]?.failure();
    streams[0]?.close();
    await waiting?.catch(() => {});
    await streams[1]?.close();
    await streams[2]?.close();
    expect(hub.listenerCount()).toBe(before);
  });
});

describe("the hub across processes", () => {
  test("a change made through another hub on the same database wakes this one at once (LISTEN/NOTIFY)", async () => {
    const quiet = await openEventHub({
      db: api.db,
      url: api.url,
      config: { ...HUB, pollMs: 60_000 },
      log: silent,
    });
    const other = await openEventHub({
      db: api.db,
      url: api.url,
      config: { ...HUB, pollMs: 60_000 },
      log: silent,
    });
    try {
      const shop = await billingOrganisation(api, "Two hubs");
      await new Promise((resolve) => setTimeout(resolve, 300)); // both LISTEN connections are up
      const received: string[] = [];
      const listening = quiet.listen({ organizationId: shop.id, userId: "u" }, (events) =>
        received.push(...events.map((event) => event.kind)),
      );
      api.useEvents(other);
      const started = Date.now();
      await shop.draftOrder();
      while (received.length === 0 && Date.now() - started < 1_000)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received).toEqual(["order.created"]);
      listening.stop();
    } finally {
      api.useEvents(hub);
      await quiet.close();
      await other.close();
    }
  });

  test("with no one listening, a write is not read at once; the first listener's writes are", async () => {
    const idle = await openEventHub({
      db: api.db,
      url: null,
      config: { ...HUB, listen: false, pollMs: 60_000 },
      log: silent,
    });
    try {
      api.useEvents(idle);
      const shop = await billingOrganisation(api, "Idle hub");
      const start = idle.position;
      await shop.draftOrder(); // the mutation calls changed(): nobody here listens, so nothing is read
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(idle.position).toEqual(start);

      const received: string[] = [];
      const listening = idle.listen({ organizationId: shop.id, userId: "u" }, (events) =>
        received.push(...events.map((event) => event.kind)),
      );
      const order = await shop.draftOrder();
      const started = Date.now();
      while (!received.includes("order.created") && Date.now() - started < 1_000)
        await new Promise((resolve) => setTimeout(resolve, 10));
      // Read from where the hub stood: the earlier write too, which a stream skips by its own cursor.
      expect(received).toEqual(["order.created", "order.created"]);
      expect(idle.position.id).toBeGreaterThan(start.id);
      expect(order.status).toBe("draft");
      listening.stop();
    } finally {
      api.useEvents(hub);
      await idle.close();
    }
  });

  test("without LISTEN, the poll delivers", async () => {
    const polling = await openEventHub({
      db: api.db,
      url: null,
      config: { ...HUB, listen: false, pollMs: 100 },
      log: silent,
    });
    try {
      const shop = await billingOrganisation(api, "Polling");
      const received: string[] = [];
      polling.listen({ organizationId: shop.id, userId: "u" }, (events) =>
        received.push(...events.map((event) => event.kind)),
      );
      await shop.draftOrder();
      const started = Date.now();
      while (received.length === 0 && Date.now() - started < 2_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received).toEqual(["order.created"]);
    } finally {
      await polling.close();
    }
  });
});
