import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Graceful stop: refuse new connections, let in-flight requests finish (up to
 * `graceMs`), then release resources. Idle keep-alive sockets close at once so
 * they cannot hold the process open.
 */
export async function stopServer(server: Server, graceMs: number, release: () => Promise<void>) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const finished = await Promise.race([closed.then(() => true), sleep(graceMs).then(() => false)]);
  if (!finished) server.closeAllConnections();
  await release();
  return finished;
}
