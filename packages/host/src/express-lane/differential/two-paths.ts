import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type RunningPaths = { lane: string; official: string; close(): Promise<void> };

/** The same handler factory served twice on 127.0.0.1: with the express lane, and with the official adapter only. */
export async function serveBothPaths(
  handler: (expressLane: boolean) => RequestListener,
): Promise<RunningPaths> {
  const servers = [createServer(handler(true)), createServer(handler(false))];
  const [lane, official] = await Promise.all(servers.map(listen));
  return {
    lane: lane!,
    official: official!,
    async close() {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
