import { z } from "zod";
import { currency, cursorPage, money, timestamp } from "../../output.ts";
import { paymentStatus } from "../invoices/invoices.output.ts";

export const paymentOutput = z
  .strictObject({
    id: z.string(),
    provider: z.string(),
    providerPaymentId: z.string(),
    status: paymentStatus,
    amountMinor: money,
    currency,
    receivedAt: timestamp,
    invoice: z.strictObject({ id: z.string(), number: z.number().int() }),
  })
  .meta({ id: "Payment" });

export const paymentPageOutput = cursorPage(paymentOutput).meta({ id: "PaymentPage" });
