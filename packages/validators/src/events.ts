import { z } from "zod";
import { invoiceStatus } from "./invoices.ts";
import { orderStatus } from "./orders.ts";
import { reportStatus } from "./reports.ts";

/** Every kind of domain event an organisation's subscribers (and outgoing webhooks) can receive. */
export const eventKind = z.enum([
  "order.created",
  "order.placed",
  "order.cancelled",
  "order.fulfilled",
  "order.paid",
  "invoice.issued",
  "invoice.paid",
  "invoice.voided",
  "payment.received",
  "stock.changed",
  "report.progress",
  "member.removed",
]);
export type EventKind = z.infer<typeof eventKind>;

const minor = z.number().int();
const currency = z.string().length(3);

/** An order's state after the change; `recordId` is the order's id. */
const orderEventData = z.object({
  customerId: z.string(),
  status: orderStatus,
  totalMinor: minor,
  currency: currency.nullable(),
  version: z.number().int(),
});

/** An invoice's state after the change; `recordId` is the invoice's id. */
const invoiceEventData = z.object({
  orderId: z.string(),
  number: z.number().int(),
  status: invoiceStatus,
  totalMinor: minor,
  paidMinor: minor,
  currency,
});

/**
 * Shapes of `data` per kind: ids, statuses and amounts only. Nothing secret
 * and nothing personal (no names, emails or addresses): events outlive the
 * request and leave the process (subscribers, webhooks).
 */
export const eventDataByKind = {
  "order.created": orderEventData,
  "order.placed": orderEventData,
  "order.cancelled": orderEventData,
  "order.fulfilled": orderEventData,
  "order.paid": orderEventData,
  "invoice.issued": invoiceEventData,
  "invoice.paid": invoiceEventData,
  "invoice.voided": invoiceEventData,
  /** `recordId` is the payment's id; a failed attempt is received too, with its status. */
  "payment.received": z.object({
    invoiceId: z.string(),
    status: z.enum(["succeeded", "failed"]),
    amountMinor: minor,
    currency,
  }),
  /** `recordId` is the product's id: `delta` when an order moved stock, `stock` when someone set it. */
  "stock.changed": z.object({
    reason: z.enum(["order.placed", "order.cancelled", "product.updated"]),
    orderId: z.string().optional(),
    delta: z.number().int().optional(),
    stock: z.number().int().optional(),
  }),
  /** `recordId` is the membership's id; the user's streams of this organisation end. */
  "member.removed": z.object({ userId: z.string() }),
  /** `recordId` is the report run's id. */
  "report.progress": z.object({
    status: reportStatus,
    rowsDone: z.number().int(),
    rowsTotal: z.number().int().nullable(),
  }),
} satisfies Record<EventKind, z.ZodType>;

export type EventData<K extends EventKind = EventKind> = z.infer<(typeof eventDataByKind)[K]>;

/**
 * Where a reader is in the event stream: the writing transaction's id and the
 * event's id ("<txid>-<id>"), the order events become readable in. It is the
 * `id` of every delivered event, and what a client resumes from.
 */
export const eventCursor = z
  .string()
  .trim()
  .regex(/^\d{1,20}-\d{1,20}$/, "Not an event id Tally gave out");
export type EventCursor = z.infer<typeof eventCursor>;

/** An event as subscribers and webhooks receive it, one variant per kind. */
export type DeliveredEvent = {
  [K in EventKind]: { id: EventCursor; kind: K; recordId: string; data: EventData<K>; createdAt: Date };
}[EventKind];

/**
 * `events.onChange`: the organisation's events, optionally only some kinds
 * and only those about some records (a record matches its own events and
 * those naming it as their order or invoice). `lastEventId` resumes after
 * that event; tRPC fills it in when a client reconnects.
 */
export const eventsSubscriptionInput = z
  .object({
    kinds: z.array(eventKind).min(1).max(eventKind.options.length).optional(),
    recordIds: z.array(z.string().trim().min(1).max(64)).min(1).max(50).optional(),
    lastEventId: eventCursor.nullish(),
  })
  .default({});
export type EventsSubscriptionInput = z.infer<typeof eventsSubscriptionInput>;
