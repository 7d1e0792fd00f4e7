/**
 * Live streams over both transports, across two apps/server processes on one
 * database: a change made through either reaches subscribers on both within
 * a second (SSE and WebSocket); nobody outside the organisation hears
 * anything; a subscriber whose server is killed carries on from another one
 * and misses nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTallyClient, type TallyClient } from "@tally/client";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type LiveSubscriber, sseSubscriber, wsSubscriber } from "./testing/live-clients.ts";
import { type RunningServer, spawnServer } from "./testing/spawn-server.ts";

const PASSWORD = "live-password-1";

let first: RunningServer;
let second: RunningServer;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
const open: LiveSubscriber[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  env = {
    BETTER_AUTH_SECRET: "live-auth-secret-0123456789abcdefghijklmno",
    TALLY_WORKERS: "false",
    // The poll is the floor under LISTEN/NOTIFY; a slow one shows the wake-ups do the work.
    TALLY_EVENTS_POLL_MS: "5000",
  };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-live-"));
    env.TALLY_DATA_DIR = dataDir;
  }
  first = await spawnServer(env);
  second = await spawnServer(env);
}, 120_000);

afterAll(async () => {
  for (const subscriber of open) subscriber.close();
  await Promise.all([first, second].map((server) => server?.child.exitCode === null && server.stop()));
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const wsUrl = (server: RunningServer) => `${server.url.replace(/^http/, "ws")}/trpc`;
const trpcUrl = (server: RunningServer) => `${server.url}/trpc`;
const track = (subscriber: LiveSubscriber) => {
  open.push(subscriber);
  return subscriber;
};

let people = 0;
async function signUp(server: RunningServer, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${++people}@live.test`;
  const response = await fetch(`${server.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000" },
    body: JSON.stringify({ name, email, password: PASSWORD }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`sign-up failed: ${response.status}`);
  const clientOn = (on: RunningServer): TallyClient =>
    createTallyClient({ url: trpcUrl(on), headers: () => ({ authorization: `Bearer ${token}` }) });
  return { email, token, client: clientOn(server), clientOn };
}

/** An owner with an organisation, a customer to order for, and a second member. */
async function shop(name: string) {
  const owner = await signUp(first, `${name} owner`);
  const slug = `${name.toLowerCase().replace(/\W+/g, "-")}-${people}`;
  const organization = await owner.client.org.create.mutate({ name, slug });
  const customer = await owner.client.customers.create.mutate({ name: `${name} customer` });
  const member = await signUp(second, `${name} member`);
  const invitation = await owner.client.org.invitations.create.mutate({
    email: member.email,
    role: "member",
  });
  await member.client.org.invitations.accept.mutate({ invitationId: invitation.id });
  const members = await owner.client.org.members.list.query();
  const memberId = members.find((row) => row.user.email === member.email)?.id ?? "";
  const draft = (via: RunningServer) => owner.clientOn(via).orders.create.mutate({ customerId: customer.id });
  return { organization, owner, member, memberId, draft };
}

describe("across two server processes", () => {
  test("a change made through either reaches SSE and WebSocket subscribers on both within a second", async () => {
    const acme = await shop("Acme live");
    const subscribers = [
      track(sseSubscriber(trpcUrl(first), acme.member.token, { kinds: ["order.created"] })),
      track(sseSubscriber(trpcUrl(second), acme.member.token, { kinds: ["order.created"] })),
      track(wsSubscriber(wsUrl(first), acme.member.token, { kinds: ["order.created"] })),
      track(wsSubscriber(wsUrl(second), acme.member.token, { kinds: ["order.created"] })),
    ];
    // Live: each stream has sent its starting point, so every later commit reaches it.
    await Promise.all(subscribers.map((subscriber) => subscriber.waitUntilLive()));

    for (const [index, via] of [first, second].entries()) {
      const started = Date.now();
      const order = await acme.draft(via);
      await Promise.all(subscribers.map((subscriber) => subscriber.waitFor(index + 1, 1_000)));
      expect(Date.now() - started).toBeLessThan(1_000);
      for (const subscriber of subscribers) expect(subscriber.recordIds().at(-1)).toBe(order.id);
    }
  });

  test("another organisation's member, an anonymous caller and a removed member receive nothing (SSE and WebSocket)", async () => {
    const acme = await shop("Acme private");
    const rival = await shop("Rival private");
    const outsiders = [
      track(sseSubscriber(trpcUrl(first), rival.owner.token)),
      track(wsSubscriber(wsUrl(second), rival.owner.token)),
    ];
    const anonymous = [track(sseSubscriber(trpcUrl(first), null)), track(wsSubscriber(wsUrl(second), null))];
    const removed = [
      track(sseSubscriber(trpcUrl(second), acme.member.token)),
      track(wsSubscriber(wsUrl(first), acme.member.token)),
    ];
    await Promise.all([...outsiders, ...removed].map((subscriber) => subscriber.waitUntilLive()));

    for (const subscriber of anonymous) expect((await subscriber.waitForError()).code).toBe("UNAUTHORIZED");
    await acme.owner.client.org.members.remove.mutate({ memberId: acme.memberId });
    const removedAt = Date.now(); // from the removal's commit: the call's own time is not the stream's
    for (const subscriber of removed) expect((await subscriber.waitForError(1_500)).code).toBe("FORBIDDEN");
    expect(Date.now() - removedAt).toBeLessThan(1_500);

    await acme.draft(first);
    await acme.draft(second);
    // A subscriber in Acme that stayed, to know the events went out before looking at the others.
    const witness = track(sseSubscriber(trpcUrl(first), acme.owner.token, { kinds: ["order.created"] }));
    await witness.waitUntilLive();
    await acme.draft(second);
    await witness.waitFor(1, 1_000);
    for (const subscriber of [...outsiders, ...anonymous, ...removed])
      expect(subscriber.received).toEqual([]);
  });
});

describe("a stream open past its maximum duration", () => {
  test("is closed by the server; SSE and WebSocket clients reconnect and resume, missing nothing and getting nothing twice", async () => {
    const short = await spawnServer({ ...env, TALLY_STREAM_MAX_SECONDS: "2" });
    try {
      const acme = await shop("Acme long-lived");
      // Each (re)connection asks for the URL: counting the asks counts the connections.
      const opened = { sse: 0, ws: 0 };
      const counted = (transport: keyof typeof opened, url: string) => () => {
        opened[transport] += 1;
        return url;
      };
      const kinds = { kinds: ["order.created"] };
      const sse = track(sseSubscriber(counted("sse", trpcUrl(short)), acme.member.token, kinds));
      const ws = track(wsSubscriber(counted("ws", wsUrl(short)), acme.member.token, kinds));
      // Until each stream holds a cursor (a new one starts from "now", so what a cold server
      // accepted late never reaches it): an order every 300 ms, as many as it takes.
      const probes: string[] = [];
      const deadline = Date.now() + 20_000;
      while ((sse.received.length === 0 || ws.received.length === 0) && Date.now() < deadline) {
        probes.push((await acme.draft(second)).id);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await Promise.all([sse.waitFor(1), ws.waitFor(1)]);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the two seconds: both were closed
      const later = [(await acme.draft(second)).id, (await acme.draft(second)).id];
      await Promise.all([
        until(() => sse.recordIds().at(-1) === later[1]),
        until(() => ws.recordIds().at(-1) === later[1]),
      ]);

      // From its first event on, each got every order once, in order, across its reconnections.
      for (const subscriber of [sse, ws]) {
        const ids = subscriber.recordIds();
        const first = probes.indexOf(ids[0] ?? "");
        expect(first).toBeGreaterThanOrEqual(0);
        expect(ids).toEqual([...probes.slice(first), ...later]);
      }
      expect(opened.sse).toBeGreaterThanOrEqual(2);
      expect(opened.ws).toBeGreaterThanOrEqual(2);
    } finally {
      await short.stop();
    }
  }, 60_000);
});

describe("a server that dies", () => {
  test("its subscribers reconnect to the other and miss nothing, with nothing twice (SSE and WebSocket)", async () => {
    const acme = await shop("Acme failover");
    let live = first;
    const sse = track(sseSubscriber(() => trpcUrl(live), acme.member.token, { kinds: ["order.created"] }));
    const ws = track(wsSubscriber(() => wsUrl(live), acme.member.token, { kinds: ["order.created"] }));
    await Promise.all([sse.waitUntilLive(), ws.waitUntilLive()]);
    const before = await acme.draft(second);
    await Promise.all([sse.waitFor(1), ws.waitFor(1)]);

    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    live = second;
    const during = [await acme.draft(second), await acme.draft(second), await acme.draft(second)];
    await Promise.all([sse.waitFor(4, 15_000), ws.waitFor(4, 15_000)]);
    const after = await acme.draft(second);
    await Promise.all([sse.waitFor(5), ws.waitFor(5)]);

    const expected = [before, ...during, after].map((order) => order.id);
    expect(sse.recordIds()).toEqual(expected);
    expect(ws.recordIds()).toEqual(expected);
  }, 60_000);
});

/** Resolves once `done` holds, polling; fails the test after `ms`. */
async function until(done: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
