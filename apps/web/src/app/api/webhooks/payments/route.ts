import { createPaymentWebhookHandler, paymentsWebhookConfigFromEnv } from "@tally/api";
import { getDatabase } from "@/server/database";

/** The payment provider's signed events (packages/api/src/http/payment-webhook.ts). */
export async function POST(req: Request) {
  const { prisma } = await getDatabase();
  return createPaymentWebhookHandler({ db: prisma, config: paymentsWebhookConfigFromEnv() })(req);
}
