import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Graceful stop: refuse new connections, let in-flight requests finish (up to
 * `graceMs`), then release resources. A keep-alive connection becomes idle
 * when its last response is sent; sweeping idle connections until the server
 * has closed keeps such clients from holding shutdown for their idle timeout.
 */
export async function stopServer(server: Server, graceMs: number, release: () => Promise<void>) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const finished = await Promise.race([closed.then(() => true), sleep(graceMs).then(() => false)]);
  clearInterval(sweep);
  if (!finished) server.closeAllConnections();
  await release();
  return finished;
}
