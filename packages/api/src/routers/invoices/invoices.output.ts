import { emailKind, emailStatus, invoiceStatus, orderStatus } from "@tally/validators";
import { z } from "zod";
import { currency, cursorPage, money, timestamp } from "../../output.ts";
import { INVOICE_ACTIONS } from "./invoice-actions.ts";

const paymentStatus = z.enum(["succeeded", "failed"]);
const customerRef = z.strictObject({ id: z.string(), name: z.string() });

const invoiceSummaryFields = {
  id: z.string(),
  number: z.number().int(),
  status: invoiceStatus,
  currency,
  totalMinor: money,
  paidMinor: money,
  issuedAt: timestamp,
  dueAt: timestamp,
  paidAt: timestamp.nullable(),
  voidedAt: timestamp.nullable(),
  overdueAt: timestamp.nullable(),
  orderId: z.string(),
};

export const invoiceSummaryOutput = z
  .strictObject({ ...invoiceSummaryFields, order: z.strictObject({ customer: customerRef }) })
  .meta({ id: "InvoiceSummary" });

export const invoicePaymentOutput = z
  .strictObject({
    id: z.string(),
    provider: z.string(),
    providerPaymentId: z.string(),
    status: paymentStatus,
    amountMinor: money,
    currency,
    receivedAt: timestamp,
  })
  .meta({ id: "InvoicePayment" });

export const invoiceOutput = z
  .strictObject({
    ...invoiceSummaryFields,
    version: z.number().int(),
    order: z.strictObject({
      id: z.string(),
      status: orderStatus,
      subtotalMinor: money,
      taxMinor: money,
      totalMinor: money,
      placedAt: timestamp.nullable(),
      customer: customerRef,
    }),
    payments: z.array(invoicePaymentOutput),
    emailMessages: z.array(
      z.strictObject({
        id: z.string(),
        kind: emailKind,
        recipient: z.string(),
        status: emailStatus,
        failureReason: z.string().nullable(),
        createdAt: timestamp,
        sentAt: timestamp.nullable(),
      }),
    ),
    allowedActions: z.array(z.enum(INVOICE_ACTIONS)),
  })
  .meta({ id: "Invoice" });

export const invoicePageOutput = cursorPage(invoiceSummaryOutput).meta({ id: "InvoicePage" });
