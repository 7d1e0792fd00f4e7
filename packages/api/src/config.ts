import { z } from "zod";

const DAY_SECONDS = 86_400;

/** What the rules themselves take from the environment; hosts read it once at start and pass it to createContext. */
const rulesEnv = z.object({
  /** How long an idempotency key is remembered: a retry later than this runs the mutation again. */
  TALLY_IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 second")
    .max(30 * DAY_SECONDS, "must be at most 30 days")
    .default(DAY_SECONDS),
});

export type RulesConfig = { idempotencyTtlMs: number };

export const defaultRulesConfig: RulesConfig = Object.freeze({ idempotencyTtlMs: DAY_SECONDS * 1000 });

/** Throws one line naming the bad variable. */
export function rulesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RulesConfig {
  const parsed = rulesEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return { idempotencyTtlMs: parsed.data.TALLY_IDEMPOTENCY_TTL_SECONDS * 1000 };
}
