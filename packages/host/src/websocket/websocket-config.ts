import { z } from "zod";

export const websocketEnv = z.object({
  /** Ping every open WebSocket this often; one that does not answer within the wait below is closed. */
  TALLY_WS_PING_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  TALLY_WS_PONG_WAIT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** WebSockets open at once on this instance; past it, new ones are refused (503). */
  TALLY_WS_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Data a socket may hold unsent (its client not reading) before it is dropped; the client resumes on reconnect. */
  TALLY_WS_MAX_UNSENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1 << 30)
    .default(1 << 20),
});

export type WebSocketConfig = {
  pingMs: number;
  pongWaitMs: number;
  maxConnections: number;
  maxUnsentBytes: number;
};

export function websocketConfigFrom(parsed: z.infer<typeof websocketEnv>): WebSocketConfig {
  return {
    pingMs: parsed.TALLY_WS_PING_SECONDS * 1000,
    pongWaitMs: parsed.TALLY_WS_PONG_WAIT_SECONDS * 1000,
    maxConnections: parsed.TALLY_WS_MAX_CONNECTIONS,
    maxUnsentBytes: parsed.TALLY_WS_MAX_UNSENT_BYTES,
  };
}
