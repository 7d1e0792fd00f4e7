import { invoiceStatus, orderStatus } from "@tally/validators";
import { z } from "zod";
import { currency, cursorPage, money, timestamp } from "../../output.ts";
import { ORDER_ACTIONS } from "./order-actions.ts";

const orderLineOutput = z
  .strictObject({
    id: z.string(),
    productId: z.string(),
    sku: z.string(),
    productName: z.string(),
    unitPriceMinor: money,
    quantity: z.number().int(),
    lineTotalMinor: money,
  })
  .meta({ id: "OrderLine" });

const orderSummaryFields = {
  id: z.string(),
  status: orderStatus,
  currency: currency.nullable().describe("Set by the first line; null on an empty draft"),
  subtotalMinor: money,
  taxRateBasisPoints: z.number().int(),
  taxMinor: money,
  totalMinor: money,
  note: z.string(),
  version: z.number().int().describe("Send back with edits: a stale version is refused (409)"),
  placedAt: timestamp.nullable(),
  paidAt: timestamp.nullable(),
  fulfilledAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  customer: z.strictObject({ id: z.string(), name: z.string() }),
};

export const orderSummaryOutput = z
  .strictObject({ ...orderSummaryFields, _count: z.strictObject({ lines: z.number().int() }) })
  .meta({ id: "OrderSummary" });

export const orderOutput = z
  .strictObject({
    ...orderSummaryFields,
    lines: z.array(orderLineOutput),
    invoices: z.array(z.strictObject({ id: z.string(), number: z.number().int(), status: invoiceStatus })),
    allowedActions: z.array(z.enum(ORDER_ACTIONS)),
  })
  .meta({ id: "Order" });

export const orderPageOutput = cursorPage(orderSummaryOutput).meta({ id: "OrderPage" });
