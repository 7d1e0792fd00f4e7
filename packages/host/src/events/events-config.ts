import { z } from "zod";

export const eventsEnv = z.object({
  /** How often each process reads the event table without being woken (the floor under LISTEN/NOTIFY). */
  TALLY_EVENTS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Off: no LISTEN connection (a transaction-pooling proxy in the way); polling alone then. */
  TALLY_EVENTS_LISTEN: z.stringbool().default(true),
  /** How long events are kept for subscribers that reconnect; further behind, they resync. */
  TALLY_EVENTS_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
});

export type EventsConfig = { pollMs: number; listen: boolean; retentionMs: number };

export function eventsConfigFrom(parsed: z.infer<typeof eventsEnv>): EventsConfig {
  return {
    pollMs: parsed.TALLY_EVENTS_POLL_MS,
    listen: parsed.TALLY_EVENTS_LISTEN,
    retentionMs: parsed.TALLY_EVENTS_RETENTION_HOURS * 3_600_000,
  };
}
