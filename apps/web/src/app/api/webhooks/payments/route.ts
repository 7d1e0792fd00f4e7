import { createPaymentWebhookHandler, paymentsWebhookConfigFromEnv } from "@tally/host";
import { getDatabase } from "@/server/database";

/** The payment provider's signed events (packages/host/src/webhooks/payment-webhook.ts). */
export async function POST(req: Request) {
  const { prisma } = await getDatabase();
  return createPaymentWebhookHandler({ db: prisma, config: paymentsWebhookConfigFromEnv() })(req);
}
