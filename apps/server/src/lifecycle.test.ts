import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "vitest";
import { stopServer } from "./lifecycle.ts";

test("stopping lets an in-flight request finish, refuses new ones, then releases resources", async () => {
  const events: string[] = [];
  const server = createServer(async (_req, res) => {
    events.push("request started");
    await sleep(300);
    res.end("finished");
    events.push("request finished");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const inFlight = fetch(url).then((response) => response.text());
  // Stop once the request is being handled, however long the connection took on a loaded machine.
  await once(server, "request");
  const stopped = stopServer(server, 5_000, async () => {
    events.push("released");
  });

  // A new connection is refused outright: the listening socket is closed.
  await expect(fetch(url)).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
  expect(await inFlight).toBe("finished");
  expect(await stopped).toBe(true);
  expect(events).toEqual(["request started", "request finished", "released"]);
});

test("a request that outlives the grace period is cut off so shutdown still completes", async () => {
  const server = createServer(() => {
    // never answers
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const hanging = fetch(url).catch((error: unknown) => error);
  await once(server, "request");

  let released = false;
  expect(
    await stopServer(server, 200, async () => {
      released = true;
    }),
  ).toBe(false);
  expect(released).toBe(true);
  expect(await hanging).toBeInstanceOf(Error);
});
