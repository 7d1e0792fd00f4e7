import type { EventMessage } from "@tally/api";
import { createTallyClient, createWSClient } from "@tally/client";
import { EventSource } from "eventsource";

export type Received = { id: string; message: EventMessage };

/** A subscriber to `events.onChange` over one transport, collecting what it receives. */
export type LiveSubscriber = {
  received: Received[];
  errors: Array<{ code?: string; message: string }>;
  /** The ids of the records of the events received so far, in order. */
  recordIds(): string[];
  /** Resolves once `count` messages have arrived, or rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<void>;
  /** Resolves once the stream is live (its `ready`: every later commit reaches it), or rejects after `ms`. */
  waitUntilLive(ms?: number): Promise<void>;
  waitForError(ms?: number): Promise<{ code?: string; message: string }>;
  close(): void;
};

type Target = string | (() => string);
const resolve = (target: Target) => (typeof target === "function" ? target() : target);

/**
 * SSE as the web client does it (httpSubscriptionLink), from Node: the
 * `eventsource` package, with a fetch that adds the bearer token and sends
 * each (re)connect to wherever `baseUrl` points now (a test moves it to
 * another server when it kills one).
 */
export function sseSubscriber(
  baseUrl: Target,
  token: string | null,
  input: Record<string, unknown> = {},
): LiveSubscriber {
  const client = createTallyClient({
    url: "http://live.invalid/trpc",
    live: {
      sse: {
        EventSource: EventSource as never,
        eventSourceOptions: () => ({
          fetch: (url: string | URL, init?: RequestInit) => {
            const target = new URL(String(url));
            const base = new URL(resolve(baseUrl));
            target.protocol = base.protocol;
            target.host = base.host;
            target.pathname = target.pathname.replace(/^\/trpc/, base.pathname.replace(/\/$/, ""));
            const headers = new Headers(init?.headers);
            if (token) headers.set("authorization", `Bearer ${token}`);
            return fetch(target, { ...init, headers });
          },
        }),
      },
    },
  });
  return collect((handlers) => client.events.onChange.subscribe(input, handlers));
}

/** WebSocket as the mobile app does it (wsLink), the token in connectionParams; reconnects to `wsUrl()`. */
export function wsSubscriber(
  wsUrl: Target,
  token: string | null,
  input: Record<string, unknown> = {},
): LiveSubscriber {
  const socket = createWSClient({
    url: () => resolve(wsUrl),
    connectionParams: () => (token ? { token } : {}),
    retryDelayMs: () => 200,
  });
  const client = createTallyClient({ url: "http://live.invalid/trpc", live: { ws: socket } });
  const subscriber = collect((handlers) => client.events.onChange.subscribe(input, handlers));
  return {
    ...subscriber,
    close() {
      subscriber.close();
      void socket.close();
    },
  };
}

type Handlers = {
  onData(value: unknown): void;
  onError(error: unknown): void;
};

function collect(start: (handlers: Handlers) => { unsubscribe(): void }): LiveSubscriber {
  const received: Received[] = [];
  let live = false;
  const errors: Array<{ code?: string; message: string }> = [];
  const waiters = new Set<() => void>();
  const settle = () => {
    for (const waiter of waiters) waiter();
  };
  const subscription = start({
    onData(value) {
      const { id, data } = value as { id: string; data: EventMessage };
      // A new stream's starting point; the tests count what changed.
      if (data.type === "ready") {
        live = true;
        settle();
        return;
      }
      received.push({ id, message: data });
      settle();
    },
    onError(error) {
      const shaped = error as { data?: { code?: string }; message?: string };
      errors.push({ code: shaped.data?.code, message: shaped.message ?? String(error) });
      settle();
    },
  });
  const until = (done: () => boolean, ms: number, what: string) =>
    new Promise<void>((resolveWait, reject) => {
      if (done()) return resolveWait();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`${what} within ${ms} ms; got ${JSON.stringify(received)} ${JSON.stringify(errors)}`),
        );
      }, ms);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolveWait();
      };
      waiters.add(check);
    });
  return {
    received,
    errors,
    recordIds: () =>
      received.flatMap(({ message }) => (message.type === "event" ? [message.event.recordId] : [])),
    waitFor: (count, ms = 5_000) => until(() => received.length >= count, ms, `no ${count} messages`),
    waitUntilLive: (ms = 10_000) => until(() => live, ms, "not live"),
    async waitForError(ms = 5_000) {
      await until(() => errors.length > 0, ms, "no error");
      return errors[0] as { code?: string; message: string };
    },
    close: () => subscription.unsubscribe(),
  };
}
