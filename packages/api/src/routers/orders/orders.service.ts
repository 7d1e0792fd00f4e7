import type { Prisma } from "@tally/db";
import type { CreateOrderInput, CursorPage, ListOrdersInput } from "@tally/validators";
import { notFound } from "../../errors.ts";
import { recordEvent } from "../../events/events.record.ts";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { allowedOrderActions } from "./order-actions.ts";
import { orderEvent } from "./order-events.ts";
import {
  type OrderRow,
  type OrderSummaryView,
  type OrderView,
  orderSelect,
  orderSummarySelect,
} from "./orders.select.ts";

/** Newest first, ties broken by id. */
export const orderPages = newestFirst("createdAt");
export type ListOrdersQuery = PageQuery<typeof orderPages, ListOrdersInput>;

export async function listOrders(
  ctx: OrgContext,
  input: ListOrdersQuery,
): Promise<CursorPage<OrderSummaryView>> {
  const filters: Prisma.OrderWhereInput[] = [{ organizationId: ctx.org.id }];
  if (input.status) filters.push({ status: input.status });
  if (input.customerId) filters.push({ customerId: input.customerId });
  if (input.from || input.to) filters.push({ createdAt: { gte: input.from, lte: input.to } });
  return orderPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.order.findMany({ where: { AND: [...filters, after] }, orderBy, take, select: orderSummarySelect }),
  );
}

export async function getOrder(
  ctx: OrgContext,
  id: string,
  db: Prisma.TransactionClient = ctx.db,
): Promise<OrderView> {
  const order = await db.order.findFirst({ where: { id, organizationId: ctx.org.id }, select: orderSelect });
  if (!order) throw notFound("Order", id);
  return withAllowedActions(ctx, order);
}

function withAllowedActions(ctx: OrgContext, order: OrderRow): OrderView {
  return { ...order, allowedActions: allowedOrderActions(order, ctx.membership.role) };
}

/** A draft for one of the organisation's customers, taxed at the organisation's current rate; its audit row commits with it. */
export function createOrder(ctx: OrgContext, input: CreateOrderInput): Promise<OrderView> {
  return inTransaction(ctx, async (tx) => {
    // One after the other: a transaction is one connection, which runs one query at a time anyway.
    const customer = await tx.customer.findFirst({
      where: { id: input.customerId, organizationId: ctx.org.id },
      select: { id: true },
    });
    if (!customer) throw notFound("Customer", input.customerId);
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.org.id },
      select: { taxRateBasisPoints: true },
    });
    const order = await tx.order.create({
      data: { ...input, organizationId: ctx.org.id, taxRateBasisPoints: organization.taxRateBasisPoints },
      select: orderSelect,
    });
    await recordAudit(
      ctx,
      { organizationId: ctx.org.id, action: "order.created", targetType: "order", targetId: order.id },
      tx,
    );
    await recordEvent(tx, orderEvent("order.created", ctx.org.id, order));
    return withAllowedActions(ctx, order);
  });
}
