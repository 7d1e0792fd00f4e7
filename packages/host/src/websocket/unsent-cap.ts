import type { WebSocket } from "ws";

/**
 * tRPC's WebSocket handler sends each message as its stream yields it and
 * never looks at the socket's backpressure: a client that stops reading (a
 * frozen tab, a phone on a bad link) leaves every message in this process's
 * memory. Past `maxBytes` of unsent data the socket is dropped instead; the
 * client reconnects and resumes from its last event id (or is told to resync),
 * as after any lost connection.
 */
export function capUnsentBytes(
  socket: WebSocket,
  maxBytes: number,
  onExceeded: (unsentBytes: number) => void,
): void {
  const send = socket.send.bind(socket) as (...args: unknown[]) => void;
  socket.send = ((...args: unknown[]) => {
    if (socket.bufferedAmount > maxBytes) {
      if (socket.readyState === socket.OPEN) {
        onExceeded(socket.bufferedAmount);
        // Not close(): its frame would queue behind the data the client is not reading.
        socket.terminate();
      }
      return;
    }
    send(...args);
  }) as WebSocket["send"];
}
