import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { capUnsentBytes } from "./unsent-cap.ts";

const CAP = 256 * 1024;
const MESSAGE = "x".repeat(64 * 1024);

let wss: WebSocketServer | null = null;
afterEach(async () => {
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  wss = null;
});

/** A server socket with the cap, and a client connected to it. */
async function connectedPair() {
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  const exceeded: number[] = [];
  const accepted = once(wss, "connection") as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const [server] = await accepted;
  capUnsentBytes(server, CAP, (unsent) => exceeded.push(unsent));
  await once(client, "open");
  return { server, client, exceeded };
}

/** Sends until the socket is dropped or `count` messages went out; how many were sent. */
async function flood(server: WebSocket, count: number) {
  let sent = 0;
  for (; sent < count && server.readyState === server.OPEN; sent++) {
    server.send(MESSAGE);
    if (sent % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return sent;
}

test("a client that stops reading is dropped once its unsent data passes the cap", async () => {
  const { server, client, exceeded } = await connectedPair();
  // The client's socket stops reading: the kernel's buffers fill, then the server's.
  (client as unknown as { _socket: { pause(): void } })._socket.pause();
  const closed = once(server, "close");
  const sent = await flood(server, 2000); // 128 MiB if nothing stopped it
  await closed;
  expect(server.readyState).toBe(server.CLOSED);
  expect(sent).toBeLessThan(2000);
  expect(exceeded).toHaveLength(1);
  expect(exceeded[0]).toBeGreaterThan(CAP);
});

test("a client that reads keeps its socket and gets every message", async () => {
  const { server, client, exceeded } = await connectedPair();
  let received = 0;
  client.on("message", () => received++);
  let dropped = false;
  server.once("close", () => {
    dropped = true;
  });
  for (let n = 0; n < 200 && !dropped; n++) {
    // A sender that minds backpressure, as any sender to a slow link should: the cap is for data
    // piling up unread, so a client that reads, however slowly, never meets it.
    while (server.bufferedAmount > CAP / 2) await new Promise((resolve) => setTimeout(resolve, 5));
    server.send(MESSAGE);
  }
  const deadline = Date.now() + 10_000;
  while (received < 200 && !dropped && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(received).toBe(200);
  expect(server.readyState).toBe(server.OPEN);
  expect(exceeded).toEqual([]);
});
