/**
 * A partner key over tRPC reads its limit as it does over REST: on both
 * hosts' /trpc (apps/server's node:http handler, with and without the
 * express lane, and the web app's fetch endpoint, in-process or forwarding
 * to apps/server) a call refused by the key's
 * limit is a 429 with Retry-After and the RateLimit headers, and every other
 * answer to a key carries the RateLimit headers. Sessions get none of them.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { appRouter, createContext } from "@tally/api";
import { createTestApi, type TestApi, type TestOrganisation } from "@tally/api/testing";
import { memorySharedState } from "@tally/shared-state";
import { fromNodeHeaders } from "better-auth/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTrpcHandler } from "../express-lane/trpc-handler.ts";
import { resolveForwardedRequest } from "../forwarding/forwarded-headers.ts";
import { createCredentialVerifier } from "../forwarding/service-credential.ts";
import { createTrpcEndpoint } from "../forwarding/trpc-endpoint.ts";
import { openApiKeyPolicy } from "../rest/api-key-runtime.ts";
import { requestSafety } from "../safety/request-safety.ts";

const LIMITS = { maxBatchSize: 50, maxBodyBytes: 64 * 1024 };
const PER_MINUTE = 2;
const FORWARDING_SECRET = "rate-limit-forwarding-secret-0123456789";

let api: TestApi;
let acme: TestOrganisation;
let policy: ReturnType<typeof openApiKeyPolicy>;
const servers: Server[] = [];

beforeAll(async () => {
  api = await createTestApi();
  acme = await api.organisation("Limited");
  policy = openApiKeyPolicy(memorySharedState(), api.db);
}, 120_000);
afterAll(async () => {
  for (const server of servers) server.close();
  await policy?.close();
  await api?.close();
});

type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** apps/server's /trpc, as app.ts builds it (forwarded calls included), on a port of its own. */
async function nodeServer(expressLane: boolean): Promise<{ url: string; send: Send }> {
  const verify = createCredentialVerifier({ secret: FORWARDING_SECRET });
  const handler = createTrpcHandler({
    router: appRouter,
    basePath: "/trpc/",
    expressLane,
    limits: LIMITS,
    createContext: async ({ req }) => {
      const { headers, safety } = await resolveForwardedRequest(fromNodeHeaders(req.headers), verify);
      return createContext({
        db: api.db,
        auth: api.auth,
        headers,
        apiKeys: policy,
        safety: safety ?? requestSafety(headers),
      });
    },
  });
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  return { url, send: (path, init) => fetch(`${url}/${path}`, init) };
}

async function nodeHost(expressLane: boolean): Promise<Send> {
  return (await nodeServer(expressLane)).send;
}

/** The web app's /api/trpc route handler: everything in-process, or the catalog forwarded to apps/server. */
async function webHost(forwardCatalog: boolean): Promise<Send> {
  const endpoint = createTrpcEndpoint({
    db: api.db,
    auth: api.auth,
    endpoint: "/api/trpc",
    forwarding: forwardCatalog
      ? {
          apiUrl: (await nodeServer(true)).url,
          remoteRouters: new Set(["catalog", "customers"]),
          secret: FORWARDING_SECRET,
          timeoutMs: 5_000,
        }
      : null,
    limits: LIMITS,
    apiKeys: policy,
  });
  return (path, init) => endpoint(new Request(`http://tally.test/api/trpc/${path}`, init));
}

const hosts = [
  ["apps/server with the express lane", () => nodeHost(true)],
  ["apps/server through tRPC's adapter alone", () => nodeHost(false)],
  ["the web app's route handler", () => webHost(false)],
  ["the web app's route handler forwarding to apps/server", () => webHost(true)],
] as const;

const LIST = `catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`;
const BATCH = `catalog.products.list,customers.list?batch=1&input=${encodeURIComponent(
  JSON.stringify({ 0: { json: { limit: 1 } }, 1: { json: { limit: 1 } } }),
)}`;

describe.each(hosts)("%s", (_name, start) => {
  test(`a key limited to ${PER_MINUTE} a minute: RateLimit headers while allowed, then 429 with Retry-After`, async () => {
    const send = await start();
    const { secret } = await api.apiKey(acme.owner, {
      scopes: ["catalog:read"],
      rateLimitPerMinute: PER_MINUTE,
    });
    const asKey = { headers: { authorization: `Bearer ${secret}` } };

    const first = await send(LIST, asKey);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe(`"per-key";q=${PER_MINUTE};w=60`);
    expect(first.headers.get("ratelimit")).toMatch(/^"per-key";r=1;t=\d+$/);
    expect(first.headers.get("retry-after")).toBeNull();

    // A refusal by the procedure (a scope the key lacks) still tells the key where it stands.
    const forbidden = await send("customers.list", asKey);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("ratelimit")).toMatch(/^"per-key";r=0;t=\d+$/);
    expect(forbidden.headers.get("retry-after")).toBeNull();

    for (const path of [LIST, BATCH]) {
      const refused = await send(path, asKey);
      expect(refused.status, path).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get("ratelimit-policy")).toBe(`"per-key";q=${PER_MINUTE};w=60`);
      expect(refused.headers.get("ratelimit")).toBe(`"per-key";r=0;t=${retryAfter}`);
      const body = JSON.stringify(await refused.json());
      expect(body).toContain("TOO_MANY_REQUESTS");
      expect(body).toContain(`This key may make ${PER_MINUTE} calls per minute`);
    }
  });

  test("a signed-in person's calls carry no rate limit headers", async () => {
    const send = await start();
    const answer = await send(LIST, { headers: { authorization: `Bearer ${acme.owner.token}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit")).toBeNull();
    expect(answer.headers.get("retry-after")).toBeNull();
  });
});
