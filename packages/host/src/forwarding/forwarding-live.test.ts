/**
 * A live stream through the web app's endpoint when the events router is
 * forwarded: the API server's SSE response is streamed through as it goes
 * (past the forwarding timeout), and a reconnect is a new request with a
 * service credential of its own that resumes from the last event id.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppRouter, appRouter, createContext, type EventMessage } from "@tally/api";
import { billingOrganisation, createTestApi, type TestApi } from "@tally/api/testing";
import { createTRPCClient, httpSubscriptionLink } from "@trpc/client";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { fromNodeHeaders } from "better-auth/node";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type EventHub, openEventHub } from "../events/event-hub.ts";
import { requestSafety } from "../safety/request-safety.ts";
import { resolveForwardedRequest } from "./forwarded-headers.ts";
import { createCredentialVerifier, SERVICE_CREDENTIAL_HEADER } from "./service-credential.ts";
import { createTrpcEndpoint } from "./trpc-endpoint.ts";

const SECRET = "forwarding-live-secret-0123456789abcdef";
const TIMEOUT_MS = 800;
let api: TestApi;
let hub: EventHub;
let server: Server;
const credentials: string[] = [];

beforeAll(async () => {
  api = await createTestApi();
  hub = await openEventHub({
    db: api.db,
    url: api.url,
    config: { pollMs: 200, listen: true, retentionMs: 3_600_000 },
    log: { warn() {}, info() {}, error() {} },
  });
  api.useEvents(hub);
  const verify = createCredentialVerifier({ secret: SECRET });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: async ({ req }) => {
      const { headers, safety } = await resolveForwardedRequest(fromNodeHeaders(req.headers), verify);
      return createContext({
        db: api.db,
        auth: api.auth,
        headers,
        events: hub,
        safety: safety ?? requestSafety(headers, api.auth.options.trustedOrigins),
      });
    },
  });
  server = createServer((req, res) => {
    const credential = req.headers[SERVICE_CREDENTIAL_HEADER];
    if (typeof credential === "string") credentials.push(credential);
    trpc(req, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await hub?.close();
  await api?.close();
});

test("the web app streams the server's SSE through, and each reconnect brings a fresh credential", async () => {
  const shop = await billingOrganisation(api, "Forwarded live");
  const web = createTrpcEndpoint({
    db: api.db,
    auth: api.auth,
    endpoint: "/api/trpc",
    forwarding: {
      apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`,
      remoteRouters: new Set(["events"]),
      secret: SECRET,
      timeoutMs: TIMEOUT_MS,
    },
    limits: { maxBatchSize: 50, maxBodyBytes: 1024 * 1024 },
  });
  // As the browser's client does it (httpSubscriptionLink), with a bearer token instead of its cookie.
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: "http://web.test/api/trpc",
        transformer: superjson,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (url: string | URL, init?: RequestInit) => {
            const headers = new Headers(init?.headers);
            headers.set("authorization", `Bearer ${shop.owner.token}`);
            return web(new Request(url, { ...init, headers }));
          },
        }),
      }),
    ],
  });
  const received: string[] = [];
  const subscription = client.events.onChange.subscribe(
    { kinds: ["order.created"] },
    {
      onData: (value) => {
        const { data } = value as { data: EventMessage };
        if (data.type === "event") received.push(data.event.recordId);
      },
    },
  );
  const waitFor = async (count: number) => {
    const started = Date.now();
    while (received.length < count && Date.now() - started < 8_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
  };
  try {
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 400)); // past the forwarding timeout
    const first = await shop.draftOrder();
    await waitFor(1);
    expect(received).toEqual([first.id]);

    // The API server drops every connection: the stream ends, the client reconnects through the web app.
    server.closeAllConnections();
    const missed = await shop.draftOrder();
    await waitFor(2);
    const after = await shop.draftOrder();
    await waitFor(3);
    expect(received).toEqual([first.id, missed.id, after.id]);
    expect(credentials.length).toBeGreaterThanOrEqual(2);
    expect(new Set(credentials).size).toBe(credentials.length);
  } finally {
    subscription.unsubscribe();
  }
}, 30_000);
