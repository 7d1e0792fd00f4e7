import { z } from "zod";

/** Only where nothing outside this machine can reach the host, so a fresh clone receives test events without setup. */
export const DEVELOPMENT_WEBHOOK_SECRET = "tally-development-payments-webhook-secret";

const paymentsEnv = z.object({
  NODE_ENV: z.string().optional(),
  /** The public address of the app (as for sign-in): deciding whether this is a deployment. */
  BETTER_AUTH_URL: z.url().optional(),
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

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The same line as the sign-in secret (docs/decisions/004): a deployment
 * (production on a non-loopback address) must bring the provider's secret,
 * since with a known one anyone could forge a payment; a production build run
 * on this machine (`pnpm start`, the contract suite, the e2e story) may use
 * the development one. Throws one line naming the variable.
 */
export function paymentsWebhookConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PaymentsWebhookConfig {
  const parsed = paymentsEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const { NODE_ENV, BETTER_AUTH_URL, PAYMENTS_WEBHOOK_SECRET, PAYMENTS_WEBHOOK_TOLERANCE_SECONDS } =
    parsed.data;
  const address = new URL(BETTER_AUTH_URL ?? "http://127.0.0.1:3000");
  const deployed = NODE_ENV === "production" && !LOOPBACK.has(address.hostname);
  if (deployed && !PAYMENTS_WEBHOOK_SECRET) {
    throw new Error(
      "Invalid configuration: PAYMENTS_WEBHOOK_SECRET: required in production (the payment provider's signing secret)",
    );
  }
  return {
    secret: PAYMENTS_WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET,
    toleranceSeconds: PAYMENTS_WEBHOOK_TOLERANCE_SECONDS,
  };
}
