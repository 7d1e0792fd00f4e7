/**
 * The same limits on both hosts: the web app (tRPC's fetch adapter inside
 * Next.js) and apps/server (the express lane and tRPC's node adapter) read
 * them from one configuration in @tally/host, so whatever one refuses, the
 * other refuses with the same status and the same error body.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuth } from "@tally/auth";
import { seedDemoWithUsers } from "@tally/auth/seed";
import { openDatabase } from "@tally/db";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { routerNames } from "@tally/host";
import { limitsCorpus, send, type WireResponse } from "@tally/host/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Host, startServer, startWeb } from "./hosts.ts";
import { signIn } from "./sign-in.ts";
import { rawConnection } from "./support/raw-http.ts";

/** The defaults, deliberately: nothing here sets TRPC_MAX_BATCH_SIZE or TRPC_MAX_BODY_BYTES. */
const DEFAULT_LIMITS = { maxBatchSize: 50, maxBodyBytes: 1024 * 1024 };

let server: Host;
let web: Host;
let forwarding: Host;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
let bearer: Record<string, string>;

beforeAll(async () => {
  const env: Record<string, string> = {
    BETTER_AUTH_SECRET: "limits-test-secret-0123456789abcdefghij",
    TALLY_SERVICE_SECRET: "limits-service-secret-0123456789abcdefgh",
  };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    await seedDemoWithUsers(database.prisma, createAuth({ prisma: database.prisma }));
    env.DATABASE_URL = database.url ?? "";
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-limits-"));
    Object.assign(env, { TALLY_DATA_DIR: dataDir, DATABASE_URL: "" });
  }
  server = await startServer(env);
  [web, forwarding] = await Promise.all([
    startWeb(env),
    startWeb({ ...env, TALLY_API_URL: server.trpcUrl, TALLY_REMOTE_ROUTERS: routerNames.join(",") }),
  ]);
  if (dataDir) {
    const seeding = await openDatabase({ kind: "embedded", dataDir });
    await seedDemoWithUsers(seeding.prisma, createAuth({ prisma: seeding.prisma }));
    await seeding.close();
  }
  bearer = { authorization: `Bearer ${await signIn(server.baseUrl, "alice@demo.tally.test")}` };
}, 180_000);

afterAll(async () => {
  await Promise.all([web?.stop(), forwarding?.stop()]);
  await server?.stop();
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const comparable = (response: WireResponse) => ({
  status: response.status,
  contentType: response.headers["content-type"],
  body: JSON.parse(response.body.toString("utf8")) as unknown,
});

describe("one limits corpus, both hosts", () => {
  test("every request gets the same status, content type and body from the web app (in-process and forwarding) and apps/server", async () => {
    const statuses: Record<string, number> = {};
    const webCorpus = limitsCorpus({ basePath: "/api/trpc/", limits: DEFAULT_LIMITS, bearer });
    const serverCorpus = limitsCorpus({ basePath: "/trpc/", limits: DEFAULT_LIMITS, bearer });
    for (const [index, [name, toWeb]] of webCorpus.entries()) {
      const toServer = serverCorpus[index]![1];
      const fromServer = comparable(await send(server.baseUrl, toServer));
      expect(comparable(await send(web.baseUrl, toWeb)), `${name} (in-process)`).toEqual(fromServer);
      expect(comparable(await send(forwarding.baseUrl, toWeb)), `${name} (forwarding)`).toEqual(fromServer);
      statuses[name] = fromServer.status;
    }
    // Alike because both refuse, not because both let everything through.
    expect(statuses).toMatchObject({
      "a batch of exactly 50": 200,
      "a batch of 51": 400,
      "a 200-call batch": 400,
      "a body exactly at the limit": 400,
      "a body one byte over the limit": 413,
      "a body far over the limit": 413,
      "a mutation sent as text/plain": 415,
      "an unknown procedure": 404,
    });
  });

  test("the refusals are tRPC errors a client can read: the batch limit and the body limit", async () => {
    const [, batch] = limitsCorpus({ basePath: "/api/trpc/", limits: DEFAULT_LIMITS, bearer }).find(
      ([name]) => name === "a 200-call batch",
    )!;
    const refused = await send(web.baseUrl, batch);
    expect(JSON.parse(refused.body.toString())).toMatchObject({
      error: {
        json: { message: "Batch call exceeds maximum size", data: { code: "BAD_REQUEST", httpStatus: 400 } },
      },
    });
    const [, body] = limitsCorpus({ basePath: "/api/trpc/", limits: DEFAULT_LIMITS, bearer }).find(
      ([name]) => name === "a body one byte over the limit",
    )!;
    const tooLarge = await send(web.baseUrl, body);
    expect(JSON.parse(tooLarge.body.toString())).toMatchObject({
      error: {
        json: { data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, path: "catalog.products.create" } },
      },
    });
  });
});

describe("after refusing an oversized body, the connection is closed", () => {
  test.each([
    ["apps/server", () => server, "/trpc"],
    ["the web app", () => web, "/api/trpc"],
  ])("%s answers 413 with Connection: close and closes the socket", async (_name, host, basePath) => {
    const { host: authority } = new URL(host().baseUrl);
    const connection = await rawConnection(host().baseUrl);
    try {
      // Keep-alive works on this connection before the refusal...
      connection.send(`GET ${basePath}/health.ping HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
      const first = await connection.nextResponse(10_000);
      expect(first.status).toBe(200);
      expect(first.headers.connection).not.toBe("close");

      const body = Buffer.alloc(DEFAULT_LIMITS.maxBodyBytes * 2, 0x20);
      connection.send(
        `POST ${basePath}/catalog.products.create HTTP/1.1\r\nHost: ${authority}\r\n` +
          `Authorization: ${bearer.authorization}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n`,
      );
      connection.send(body);
      const refused = await connection.nextResponse(10_000);
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe("close");

      // ...and a next request on it is not left waiting: the server has closed the socket.
      connection.send(`GET ${basePath}/health.ping HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
      expect(await connection.closedWithin(5_000)).toBe(true);
    } finally {
      connection.destroy();
    }
  });
});
