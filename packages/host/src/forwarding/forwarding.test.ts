/**
 * Forwarding, end to end in one process: a real HTTP "API server" serving the
 * appRouter (it accepts forwarded calls only with a valid credential), and the
 * web app's endpoint, called through @trpc/client like a browser would.
 */
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppRouter, appRouter, createContext } from "@tally/api";
import { createTestApi, type TestApi, type TestOrganisation, testAuthConfig } from "@tally/api/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { fromNodeHeaders } from "better-auth/node";
import { EncryptJWT, jwtDecrypt } from "jose";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requestSafety } from "../safety/request-safety.ts";
import { resolveForwardedRequest } from "./forwarded-headers.ts";
import {
  createCredentialVerifier,
  SERVICE_CREDENTIAL_HEADER,
  signServiceCredential,
} from "./service-credential.ts";
import { createTrpcEndpoint } from "./trpc-endpoint.ts";

const SECRET = "forwarding-test-secret-0123456789abcdef";
let api: TestApi;
let org: TestOrganisation;
let server: Server;
let serverUrl: string;
const remoteCalls: string[] = [];
let serverConnections = 0;

beforeAll(async () => {
  api = await createTestApi();
  org = await api.organisation("Forwarded");
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
        safety: safety ?? requestSafety(headers, api.auth.options.trustedOrigins),
      });
    },
  });
  server = createServer((req, res) => {
    remoteCalls.push(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (req.url?.includes("slow")) return; // never answers: for the timeout test
    trpc(req, res);
  });
  server.on("connection", () => serverConnections++);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
});
afterAll(async () => {
  server?.close();
  await api?.close();
});

function webEndpoint(remoteRouters: string[], apiUrl = serverUrl, timeoutMs = 2000) {
  return createTrpcEndpoint({
    db: api.db,
    auth: api.auth,
    endpoint: "/api/trpc",
    forwarding: { remoteRouters: new Set(remoteRouters), apiUrl, secret: SECRET, timeoutMs },
    limits: { maxBatchSize: 50, maxBodyBytes: 1024 * 1024 },
  });
}

function clientOf(endpoint: (req: Request) => Promise<Response>, headers: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${testAuthConfig.baseURL}/api/trpc`,
        transformer: superjson,
        headers: () => headers,
        fetch: (url, init) => endpoint(new Request(url, init as RequestInit)),
      }),
    ],
  });
}

describe("forwarding", () => {
  test("a batch mixing local and forwarded calls is answered in order, as the real caller in their organisation", async () => {
    const client = clientOf(webEndpoint(["catalog"]), { authorization: `Bearer ${org.owner.token}` });
    remoteCalls.length = 0;
    const [me, created, list, settings] = await Promise.all([
      client.account.me.query(),
      client.catalog.products.create.mutate({
        sku: "FWD-1",
        name: "Forwarded",
        priceMinor: 5,
        currency: "USD",
      }),
      client.catalog.products.list.query(),
      client.org.settings.get.query(),
    ]);
    expect(me.user.id).toBe(org.owner.id);
    expect(settings.id).toBe(org.id);
    // Listed while the product was being created: the list has it or not, and nothing else.
    expect([[], [created.id]]).toContainEqual(list.items.map((product) => product.id));
    expect(remoteCalls.join(" ")).toContain("catalog.products");
    expect(remoteCalls.join(" ")).not.toContain("account.me");
    const stored = await api.db.product.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.organizationId).toBe(org.id);
  });

  test("calls one after another reuse one connection to the server", async () => {
    const client = clientOf(webEndpoint(["catalog"]), { authorization: `Bearer ${org.owner.token}` });
    await client.catalog.products.list.query(); // opens the connection
    const before = serverConnections;
    for (let call = 0; call < 5; call++) await client.catalog.products.list.query();
    expect(serverConnections - before).toBe(0);
  });

  test("errors from the server reach the client with the same code and shape", async () => {
    const forwarded = clientOf(webEndpoint(["catalog"]), { authorization: `Bearer ${org.owner.token}` });
    const local = clientOf(webEndpoint([]), { authorization: `Bearer ${org.owner.token}` });
    const viaServer = await forwarded.catalog.products.get
      .query({ id: "missing" })
      .catch((error: unknown) => error);
    const inProcess = await local.catalog.products.get
      .query({ id: "missing" })
      .catch((error: unknown) => error);
    expect(viaServer).toBeInstanceOf(TRPCClientError);
    expect((viaServer as TRPCClientError<AppRouter>).message).toBe(
      (inProcess as TRPCClientError<AppRouter>).message,
    );
    expect((viaServer as TRPCClientError<AppRouter>).data).toEqual(
      (inProcess as TRPCClientError<AppRouter>).data,
    );
  });

  test("a partner's API key works through a forwarded router as it does in-process: its scopes, its revocation", async () => {
    const endpoint = webEndpoint(["catalog", "orders"]);
    const product = await org.caller.catalog.products.create({
      sku: "FWD-KEY",
      name: "Keyed",
      priceMinor: 7,
      currency: "USD",
    });
    const reader = await api.apiKey(org.owner, { scopes: ["catalog:read"] });
    const asReader = clientOf(endpoint, { authorization: `Bearer ${reader.secret}` });
    remoteCalls.length = 0;
    expect((await asReader.catalog.products.get.query({ id: product.id })).id).toBe(product.id);
    expect(remoteCalls.join(" ")).toContain("catalog.products.get");
    // The scope is checked on the server, where the call runs: a read-only key writes nothing.
    await expect(
      asReader.catalog.products.create.mutate({ sku: "FWD-NO", name: "No", priceMinor: 1, currency: "USD" }),
    ).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(asReader.orders.list.query({})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    expect(await api.db.product.count({ where: { organizationId: org.id, sku: "FWD-NO" } })).toBe(0);

    await org.caller.apiKeys.revoke({ id: reader.key.id });
    await expect(asReader.catalog.products.get.query({ id: product.id })).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  test("an anonymous caller stays anonymous on the server", async () => {
    const client = clientOf(webEndpoint(["catalog"]), {});
    await expect(client.catalog.products.list.query()).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  test("a cross-site cookie mutation is refused by the server too: the web app's verdict travels with the call", async () => {
    const signIn = await api.auth.handler(
      new Request(`${testAuthConfig.baseURL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: testAuthConfig.baseURL },
        body: JSON.stringify({ email: org.owner.email, password: "correct horse battery staple" }),
      }),
    );
    const cookie = signIn.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const client = clientOf(webEndpoint(["catalog"]), { cookie, origin: "https://evil.example" });
    await expect(
      client.catalog.products.create.mutate({
        sku: "CSRF-1",
        name: "Forged",
        priceMinor: 1,
        currency: "USD",
      }),
    ).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    expect(await api.db.product.count({ where: { sku: "CSRF-1" } })).toBe(0);
  });
});

describe("the server accepts a forwarded identity only with a valid credential", () => {
  async function callServerWith(credential: string) {
    const response = await fetch(`${serverUrl}/account.me`, {
      headers: { [SERVICE_CREDENTIAL_HEADER]: credential },
    });
    return {
      status: response.status,
      body: (await response.json()) as { error?: { json?: { message?: string } } },
    };
  }
  const identity = () => ({
    sessionToken: org.owner.token,
    requestId: "req-1",
    safety: { credential: "bearer" as const, crossSite: false },
  });

  test("a valid credential acts as the caller", async () => {
    const credential = await signServiceCredential(identity(), { secret: SECRET });
    expect((await callServerWith(credential)).status).toBe(200);
  });

  test.each([
    [
      "forged with another secret",
      () => signServiceCredential(identity(), { secret: "x".repeat(40) }),
      "invalid",
    ],
    ["expired", () => signServiceCredential(identity(), { secret: SECRET, ttlSeconds: -10 }), "expired"],
    [
      "for another audience",
      () => signServiceCredential(identity(), { secret: SECRET, audience: "tally-reports" }),
      "not for this service",
    ],
    [
      "tampered with",
      async () => `${(await signServiceCredential(identity(), { secret: SECRET })).slice(0, -4)}AAAA`,
      "invalid",
    ],
  ])("a credential %s is refused", async (_case, make, reason) => {
    const { status, body } = await callServerWith(await make());
    expect(status).toBe(401);
    expect(body.error?.json?.message).toContain(reason);
  });

  // The credential is a standard compact JWE: a reference implementation reads ours, and we read its.
  const jwe = (header: { cty?: string } = {}) =>
    new EncryptJWT({ tok: org.owner.token, rid: "req-2", via: "bearer", xs: false })
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", ...header })
      .setIssuer("tally-web")
      .setAudience("tally-server")
      .setJti(randomUUID());
  const aesKey = () => createHash("sha256").update(SECRET).digest();

  test("jose opens the credential the web app seals, claims and header as sealed", async () => {
    const credential = await signServiceCredential(identity(), { secret: SECRET });
    const { payload, protectedHeader } = await jwtDecrypt(credential, aesKey(), {
      issuer: "tally-web",
      audience: "tally-server",
      maxTokenAge: "5m",
    });
    expect(protectedHeader).toEqual({ alg: "dir", enc: "A256GCM" });
    expect(payload).toMatchObject({ tok: org.owner.token, rid: "req-1", via: "bearer", xs: false });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(30);
  });

  test("a credential jose sealed with the same key is accepted; one issued too long ago or in the future is not", async () => {
    const now = Math.floor(Date.now() / 1000);
    const fresh = await jwe()
      .setIssuedAt(now)
      .setExpirationTime(now + 30)
      .encrypt(aesKey());
    expect((await callServerWith(fresh)).status).toBe(200);

    const old = await jwe()
      .setIssuedAt(now - 301)
      .setExpirationTime(now + 30)
      .encrypt(aesKey());
    expect(await callServerWith(old)).toMatchObject({
      status: 401,
      body: { error: { json: { message: "Service credential expired" } } },
    });
    const early = await jwe()
      .setIssuedAt(now + 60)
      .setExpirationTime(now + 90)
      .encrypt(aesKey());
    expect(await callServerWith(early)).toMatchObject({
      status: 401,
      body: { error: { json: { message: "Service credential not for this service (iat)" } } },
    });
    const otherHeader = await jwe({ cty: "JWT" })
      .setIssuedAt(now)
      .setExpirationTime(now + 30)
      .encrypt(aesKey());
    expect(await callServerWith(otherHeader)).toMatchObject({
      status: 401,
      body: { error: { json: { message: "Service credential invalid" } } },
    });
  });

  test("a replayed credential is refused", async () => {
    const credential = await signServiceCredential(identity(), { secret: SECRET });
    expect((await callServerWith(credential)).status).toBe(200);
    const replay = await callServerWith(credential);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.json?.message).toContain("already used");
  });
});

describe("failure", () => {
  test("with the server down, forwarded calls fail fast with BAD_GATEWAY and local ones still answer", async () => {
    const client = clientOf(webEndpoint(["catalog"], "http://127.0.0.1:9/trpc"), {
      authorization: `Bearer ${org.owner.token}`,
    });
    const started = performance.now();
    const [me, list] = await Promise.allSettled([
      client.account.me.query(),
      client.catalog.products.list.query(),
    ]);
    expect(me).toMatchObject({ status: "fulfilled", value: { user: { id: org.owner.id } } });
    expect(list).toMatchObject({
      status: "rejected",
      reason: { data: { code: "BAD_GATEWAY", httpStatus: 502 } },
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test("with the server slow, forwarded calls fail with GATEWAY_TIMEOUT within the timeout", async () => {
    const client = clientOf(webEndpoint(["catalog"], `${serverUrl.replace("/trpc", "/slow/trpc")}`, 300), {
      authorization: `Bearer ${org.owner.token}`,
    });
    const started = performance.now();
    const [me, list] = await Promise.allSettled([
      client.account.me.query(),
      client.catalog.products.list.query(),
    ]);
    expect(me.status).toBe("fulfilled");
    expect(list).toMatchObject({
      status: "rejected",
      reason: { data: { code: "GATEWAY_TIMEOUT", httpStatus: 504 } },
    });
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
