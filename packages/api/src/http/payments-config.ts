import { z } from "zod";

/** Only outside production, so a fresh clone can receive test events without setup. */
export const DEVELOPMENT_WEBHOOK_SECRET = "tally-development-payments-webhook-secret";

const paymentsEnv = z.object({
  NODE_ENV: z.string().optional(),
  /** Shared with the payment provider; it signs every webhook with it. */
  PAYMENTS_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** How far a webhook's signed timestamp may be from now. */
  PAYMENTS_WEBHOOK_TOLERANCE_SECONDS: z.coerce
    .number()
    .int("must be a whole number of seconds")
    .min(1)
    .max(3600)
    .default(300),
});

export type PaymentsWebhookConfig = { secret: string; toleranceSeconds: number };

/** Throws one line naming the variable, for the host to print as it refuses to start. */
export function paymentsWebhookConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PaymentsWebhookConfig {
  const parsed = paymentsEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const { NODE_ENV, PAYMENTS_WEBHOOK_SECRET, PAYMENTS_WEBHOOK_TOLERANCE_SECONDS } = parsed.data;
  if (!PAYMENTS_WEBHOOK_SECRET && NODE_ENV === "production") {
    throw new Error(
      "Invalid configuration: PAYMENTS_WEBHOOK_SECRET: required in production (the payment provider's signing secret)",
    );
  }
  return {
    secret: PAYMENTS_WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET,
    toleranceSeconds: PAYMENTS_WEBHOOK_TOLERANCE_SECONDS,
  };
}
