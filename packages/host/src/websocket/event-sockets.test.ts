/**
 * The WebSocket transport's own limits, on a real server socket: how many may
 * be open, how long one may stay, and what happens to a client that stops
 * answering pings. What streams carry over it is tested in apps/server's
 * live.test.ts (two processes, both transports).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppRouter, createContext, defaultRulesConfig, type RulesConfig } from "@tally/api";
import { createTestApi, type TestApi } from "@tally/api/testing";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { type EventHub, openEventHub } from "../events/event-hub.ts";
import { attachEventSockets, type EventSockets } from "./event-sockets.ts";
import type { WebSocketConfig } from "./websocket-config.ts";

const silent = { warn() {} };

const rules: RulesConfig = {
  ...defaultRulesConfig,
  subscriptions: { ...defaultRulesConfig.subscriptions, perUser: 10, perConnection: 2 },
};

let api: TestApi;
let hub: EventHub;
beforeAll(async () => {
  api = await createTestApi({ config: rules });
  hub = await openEventHub({
    db: api.db,
    url: null,
    config: { pollMs: 100, listen: false, retentionMs: 3_600_000 },
    log: { ...silent, info() {}, error() {} },
  });
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await api?.close();
});

let server: Server | null = null;
let sockets: EventSockets | null = null;
const clients: WebSocket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await sockets?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  sockets = null;
});

async function serve(config: Partial<WebSocketConfig> = {}, maxDurationMs = 60_000) {
  server = createServer((_req, res) => res.writeHead(404).end());
  sockets = attachEventSockets(server, {
    path: "/trpc",
    config: { pingMs: 60_000, pongWaitMs: 60_000, maxConnections: 100, maxUnsentBytes: 1 << 20, ...config },
    maxDurationMs,
    trustedOrigins: [],
    createContext: (headers, connection) =>
      createContext({
        db: api.db,
        auth: api.auth,
        headers,
        connection,
        events: hub,
        config: rules,
        safety: { credential: "bearer", crossSite: false },
      }),
    log: silent,
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Opens a socket; resolves once it is open, or with the HTTP status that refused it. */
function connect(url: string, options: WebSocket.ClientOptions = {}) {
  const client = new WebSocket(url, options);
  clients.push(client);
  return new Promise<{ client: WebSocket; refused: number | null; retryAfter?: string }>(
    (resolve, reject) => {
      client.once("open", () => resolve({ client, refused: null }));
      client.once("unexpected-response", (_req, res) =>
        resolve({ client, refused: res.statusCode ?? 0, retryAfter: String(res.headers["retry-after"]) }),
      );
      client.once("error", reject);
    },
  );
}

function closed(client: WebSocket, withinMs: number) {
  return new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), withinMs);
    client.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe("event sockets", () => {
  test("past the cap a new socket is refused with 503 and Retry-After, and one that closes frees its place", async () => {
    const origin = await serve({ maxConnections: 2 });
    const first = await connect(`${origin}/trpc`);
    const second = await connect(`${origin}/trpc`);
    expect([first.refused, second.refused]).toEqual([null, null]);
    expect(sockets?.open).toBe(2);

    expect(await connect(`${origin}/trpc`)).toMatchObject({ refused: 503, retryAfter: "5" });
    expect(sockets?.open).toBe(2);

    first.client.close();
    await closed(first.client, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the server sees the close too
    expect((await connect(`${origin}/trpc`)).refused).toBeNull();
  });

  test("an upgrade on another path is a 404", async () => {
    const origin = await serve();
    expect((await connect(`${origin}/elsewhere`)).refused).toBe(404);
    expect(sockets?.open).toBe(0);
  });

  test("a socket open past its maximum duration is closed with 1012, so wsLink reconnects and resumes", async () => {
    const origin = await serve({}, 300);
    const { client } = await connect(`${origin}/trpc`);
    const started = Date.now();
    expect(await closed(client, 3_000)).toBe(1012);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  test("a client that does not answer the keep-alive ping is dropped; one that answers stays", async () => {
    const origin = await serve({ pingMs: 100, pongWaitMs: 100 });
    // tRPC's keep-alive is a "PING" message that wsLink answers with "PONG" (any message will do).
    const deaf = await connect(`${origin}/trpc`);
    const alive = await connect(`${origin}/trpc`);
    const pings: string[] = [];
    alive.client.on("message", (data) => {
      pings.push(String(data));
      if (String(data) === "PING") alive.client.send("PONG");
    });
    // The server terminates the silent one without a close frame: the client sees 1006.
    expect(await closed(deaf.client, 3_000)).toBe(1006);
    expect(await closed(alive.client, 500)).toBeNull();
    expect(alive.client.readyState).toBe(WebSocket.OPEN);
    expect(pings.length).toBeGreaterThan(2);
    expect(sockets?.open).toBe(1);
  });

  test("one socket carries at most its per-connection number of streams; another socket has its own", async () => {
    const origin = await serve();
    const shop = await api.organisation("Sockets");
    const streamsOn = () => {
      const socket = createWSClient({ url: `${origin}/trpc`, connectionParams: { token: shop.owner.token } });
      const client = createTRPCClient<AppRouter>({
        links: [wsLink({ client: socket, transformer: superjson })],
      });
      return { socket, client };
    };
    /** "started" when the stream is still open a moment after it began; its error code when it is refused. */
    const open = (on: ReturnType<typeof streamsOn>) =>
      new Promise<string>((resolve) => {
        const subscription = on.client.events.onChange.subscribe(
          {},
          {
            onStarted: () => setTimeout(() => resolve("started"), 300),
            onError: (error) => {
              subscription.unsubscribe();
              resolve(String(error.data?.code));
            },
          },
        );
      });
    const first = streamsOn();
    const second = streamsOn();
    try {
      expect(await open(first)).toBe("started");
      expect(await open(first)).toBe("started");
      expect(await open(first)).toBe("TOO_MANY_REQUESTS");
      expect(await open(second)).toBe("started");
    } finally {
      first.socket.close();
      second.socket.close();
    }
  });
});
