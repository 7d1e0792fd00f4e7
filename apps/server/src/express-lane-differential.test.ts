import { createAuth } from "@tally/auth";
import { seedDemoWithUsers } from "@tally/auth/seed";
import { DEMO_PASSWORD, demoUsers } from "@tally/db/seed";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import {
  type Corpus,
  meaningfulHeaders,
  protocolCorpus,
  send,
  trpcWire,
  type WireResponse,
} from "@tally/host/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, spawnServer } from "./testing/spawn-server.ts";

// The real app, built as production runs it, twice over one PostgreSQL
// database: TALLY_EXPRESS_LANE on and off. Whatever the app's context does
// (sessions, bearer tokens), both paths must answer alike and log alike.
// PostgreSQL only (see vitest.config.ts): the conformance test already covers
// the lane on both engines.
const LIMITS = { TRPC_MAX_BATCH_SIZE: "12", TRPC_MAX_BODY_BYTES: "16384" };

let database: TestDatabase;
const servers: Partial<Record<"lane" | "official", RunningServer>> = {};
let bearer: Record<string, string> = {};

describe("the app on both tRPC paths", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWithUsers(database.prisma, createAuth({ prisma: database.prisma }));
    const env = { DATABASE_URL: database.url ?? "", ...LIMITS };
    [servers.lane, servers.official] = await Promise.all([
      spawnServer({ ...env, TALLY_EXPRESS_LANE: "on" }),
      spawnServer({ ...env, TALLY_EXPRESS_LANE: "off" }),
    ]);
    bearer = { authorization: `Bearer ${await signIn(servers.lane.url)}` };
  }, 120_000);

  afterAll(async () => {
    await Promise.all([servers.lane?.stop(), servers.official?.stop()]);
    await database?.close();
  });

  test("every request in the corpus gets the same answer and the same log lines", async () => {
    const { lane, official } = servers as Required<typeof servers>;
    const corpus = appCorpus();
    const statuses = new Map<string, number>();
    for (const [index, [name, wire]] of corpus.entries()) {
      const requestId = `differential-${index}`;
      const tagged = { ...wire, headers: { ...wire.headers, "x-request-id": requestId } };
      const [fromOfficial, fromLane] = [await send(official.url, tagged), await send(lane.url, tagged)];
      expect(comparable(fromLane), name).toEqual(comparable(fromOfficial));
      statuses.set(name, fromLane.status);
    }
    // Not alike by accident: the session works and calls are logged.
    expect(statuses.get("a signed-in catalog list")).toBe(200);
    expect(statuses.get("an anonymous catalog list")).toBe(401);
    await bothFlushed(lane, official, `differential-${corpus.length - 1}`);
    for (const index of corpus.keys()) {
      const requestId = `differential-${index}`;
      expect(callLines(lane, requestId), corpus[index]?.[0]).toEqual(callLines(official, requestId));
    }
    expect(callLines(lane, "differential-0")).toEqual([
      expect.objectContaining({ msg: "call", path: "health.ping" }),
    ]);
  });
});

function appCorpus(): Corpus {
  const wire = trpcWire("/trpc/");
  const product = { sku: "DIFF-1", name: "Differential", priceMinor: 100, currency: "EUR", stock: 1 };
  return [
    ...protocolCorpus({
      basePath: "/trpc/",
      query: { path: "health.ping", input: { echo: "différentiel ✓" } },
      mutation: { path: "catalog.products.create", input: product },
      maxBatchSize: Number(LIMITS.TRPC_MAX_BATCH_SIZE),
      maxBodyBytes: Number(LIMITS.TRPC_MAX_BODY_BYTES),
    }),
    ["an anonymous catalog list", wire.query("catalog.products.list", { limit: 5 })],
    ["a signed-in catalog list", wire.query("catalog.products.list", { limit: 5 }, bearer)],
    ["a signed-in second page", wire.query("catalog.products.list", { limit: 5, cursor: "bm9wZQ" }, bearer)],
    ["a signed-in missing product", wire.query("catalog.products.get", { id: "prod_missing" }, bearer)],
    [
      "a signed-in batch",
      wire.batchQuery(
        ["catalog.products.list", "catalog.products.get", "health.ping"],
        [{ limit: 2 }, { id: "x" }, {}],
        bearer,
      ),
    ],
    [
      "a signed-in invalid product",
      wire.mutation("catalog.products.create", { ...product, priceMinor: -1 }, bearer),
    ],
    [
      "a signed-in archive of a missing product",
      wire.mutation("catalog.products.archive", { id: "prod_missing" }, bearer),
    ],
    [
      "a forged bearer token",
      wire.query("catalog.products.list", {}, { authorization: "Bearer forged.token" }),
    ],
    [
      "a cookie that is not a session",
      wire.query("catalog.products.list", {}, { cookie: "better-auth.session_token=nope" }),
    ],
    [
      "a cross-site cookie mutation",
      wire.mutation("catalog.products.create", product, {
        cookie: "better-auth.session_token=nope",
        origin: "https://evil.example",
      }),
    ],
  ];
}

async function signIn(origin: string): Promise<string> {
  const owner = demoUsers.find((user) => user.role === "owner") ?? demoUsers[0];
  const response = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000" },
    body: JSON.stringify({ email: owner.email, password: DEMO_PASSWORD }),
  });
  const token = response.headers.get("set-auth-token");
  if (!token) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return token;
}

function comparable(response: WireResponse) {
  return {
    status: response.status,
    headers: meaningfulHeaders(response),
    body: response.body.toString("utf8"),
  };
}

/** A request's log lines without what differs by process or clock. */
function callLines(server: RunningServer, requestId: string) {
  return (
    server.lines
      .filter((line) => line.includes(`"requestId":"${requestId}"`))
      .map((line) => {
        const {
          time: _time,
          pid: _pid,
          hostname: _hostname,
          durationMs: _durationMs,
          ...rest
        } = JSON.parse(line);
        return rest;
      })
      // The calls of one batch run concurrently, so they may log in either order.
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  );
}

/** Each process logs after it answers: wait until both have written the last request's lines. */
async function bothFlushed(lane: RunningServer, official: RunningServer, lastRequestId: string) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const [fromLane, fromOfficial] = [callLines(lane, lastRequestId), callLines(official, lastRequestId)];
    if (fromLane.length > 0 && fromLane.length === fromOfficial.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
