import { type Prisma, recordAuditEvent } from "@tally/db";
import { type IssueInvoiceInput, invoiceTitle, type VoidInvoiceInput } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { notFound } from "../../errors.ts";
import { recordEvent } from "../../events/events.record.ts";
import { queueOf } from "../../queue.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { queueEmail } from "../emails/email-queue.ts";
import { currentParties } from "./invoice-document.service.ts";
import { invoiceEvent } from "./invoice-events.ts";
import { takeInvoiceNumber } from "./invoice-numbers.ts";
import type { InvoiceView } from "./invoices.select.ts";
import { getInvoice } from "./invoices.service.ts";

type Tx = Prisma.TransactionClient;

/** Issuers of one organisation queue on its counter row; give a burst of them time instead of failing. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Bills a placed (or already paid) order for its total. An order has at most
 * one invoice that is not void; the order row is locked first, so two
 * concurrent issues for one order cannot both pass that check. The number is
 * taken last, to hold the organisation-wide counter lock for as short a time
 * as possible.
 */
export function issueInvoice(ctx: OrgContext, input: IssueInvoiceInput): Promise<InvoiceView> {
  return inTransaction(
    ctx,
    async (tx) => {
      const order = await lockInvoiceableOrder(tx, ctx.org.id, input.orderId);
      const parties = await currentParties(tx, ctx.org.id, order.id);
      const number = await takeInvoiceNumber(tx, ctx.org.id);
      const issuedAt = new Date();
      const invoice = await tx.invoice.create({
        data: {
          organizationId: ctx.org.id,
          orderId: order.id,
          number,
          currency: order.currency,
          totalMinor: order.totalMinor,
          issuedAt,
          dueAt: new Date(issuedAt.getTime() + input.dueInDays * DAY_MS),
          parties,
        },
        select: { id: true },
      });
      await auditInvoice(tx, ctx, "invoice.issued", invoice.id, {
        number,
        orderId: order.id,
        totalMinor: order.totalMinor,
        currency: order.currency,
      });
      if (parties.customer.email) {
        await queueEmail(queueOf(ctx), tx, {
          organizationId: ctx.org.id,
          kind: "invoice",
          recipient: parties.customer.email,
          subject: `${invoiceTitle(number)} from ${parties.seller.name}`,
          invoiceId: invoice.id,
        });
      }
      const issued = await getInvoice(ctx, invoice.id, tx);
      await recordEvent(tx, invoiceEvent("invoice.issued", ctx.org.id, issued));
      return issued;
    },
    TRANSACTION_OPTIONS,
  );
}

async function lockInvoiceableOrder(tx: Tx, organizationId: string, orderId: string) {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "order" WHERE "id" = ${orderId} AND "organizationId" = ${organizationId} FOR UPDATE`;
  if (locked.length === 0) throw notFound("Order", orderId);
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      status: true,
      currency: true,
      totalMinor: true,
      invoices: { where: { status: { not: "void" } }, select: { number: true }, take: 1 },
    },
  });
  if (order.status !== "placed" && order.status !== "paid") {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Order ${orderId} is ${order.status}; only a placed or paid order can be invoiced`,
    });
  }
  const [existing] = order.invoices;
  if (existing) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Order ${orderId} already has invoice ${existing.number}; void it to issue another`,
    });
  }
  // Placing an order needs at least one line, and the first line sets the currency.
  if (!order.currency) throw new Error(`placed order ${orderId} has no currency`);
  return { ...order, currency: order.currency };
}

/**
 * Only an invoice that has received no money can be voided: once paid, even
 * in part, it is a record of that payment. Failed payment attempts moved no
 * money and do not stand in the way. The number stays used: a voided invoice
 * keeps its place, so the sequence a bookkeeper reads has no holes.
 * The compare-and-set on status and paidMinor means a payment that lands
 * concurrently either comes first (and the void is refused) or finds the
 * invoice void (and is rejected).
 */
export function voidInvoice(ctx: OrgContext, input: VoidInvoiceInput): Promise<InvoiceView> {
  return inTransaction(ctx, async (tx) => {
    const scope = { id: input.invoiceId, organizationId: ctx.org.id };
    const { count } = await tx.invoice.updateMany({
      where: { ...scope, status: "issued", paidMinor: 0 },
      data: { status: "void", voidedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) await explainRefusedVoid(tx, scope);
    const invoice = await getInvoice(ctx, input.invoiceId, tx);
    await auditInvoice(tx, ctx, "invoice.voided", invoice.id, { number: invoice.number });
    await recordEvent(tx, invoiceEvent("invoice.voided", ctx.org.id, invoice));
    return invoice;
  });
}

async function explainRefusedVoid(tx: Tx, scope: { id: string; organizationId: string }): Promise<never> {
  const current = await tx.invoice.findFirst({
    where: scope,
    select: { number: true, status: true, paidMinor: true, currency: true },
  });
  if (!current) throw notFound("Invoice", scope.id);
  throw new TRPCError({
    code: "CONFLICT",
    message:
      current.status === "issued"
        ? `Invoice ${current.number} has received ${current.paidMinor} ${current.currency} minor units; an invoice with payments cannot be voided`
        : `Invoice ${current.number} is ${current.status}; only an unpaid invoice can be voided`,
  });
}

function auditInvoice(
  tx: Tx,
  ctx: OrgContext,
  action: "invoice.issued" | "invoice.voided",
  invoiceId: string,
  details: Prisma.InputJsonObject,
) {
  return recordAuditEvent(tx, {
    organizationId: ctx.org.id,
    actorUserId: ctx.user.id,
    requestId: ctx.requestId,
    action,
    targetType: "invoice",
    targetId: invoiceId,
    details,
  });
}
