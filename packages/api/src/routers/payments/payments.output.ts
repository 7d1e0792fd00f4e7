import { z } from "zod";
import { cursorPage } from "../../output.ts";
import { invoicePaymentOutput } from "../invoices/invoices.output.ts";

/** A payment as an invoice lists it, plus the invoice it paid. */
export const paymentOutput = invoicePaymentOutput
  .extend({ invoice: z.strictObject({ id: z.string(), number: z.number().int() }) })
  .meta({ id: "Payment" });

export const paymentPageOutput = cursorPage(paymentOutput).meta({ id: "PaymentPage" });
