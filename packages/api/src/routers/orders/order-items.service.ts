import type { Prisma } from "@tally/db";
import type { AddOrderItemInput, RemoveOrderItemInput, UpdateOrderItemInput } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { notFound } from "../../errors.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import type { OrderView } from "./orders.select.ts";
import { getOrder } from "./orders.service.ts";
import { computeTotals } from "./orders.totals.ts";

type Tx = Prisma.TransactionClient;

/**
 * Adds a product to a draft at today's name and price; adding it again adds
 * to the quantity. The line keeps that name and price even if the product
 * changes later.
 */
export function addOrderItem(ctx: OrgContext, input: AddOrderItemInput): Promise<OrderView> {
  return editDraft(ctx, input.orderId, input.version, async (tx, order) => {
    const product = await tx.product.findFirst({
      where: { id: input.productId, organizationId: ctx.org.id },
      select: { id: true, sku: true, name: true, priceMinor: true, currency: true, archivedAt: true },
    });
    if (!product) throw notFound("Product", input.productId);
    if (product.archivedAt) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `Product ${product.sku} is archived and cannot be ordered`,
      });
    }
    if (order.currency && order.currency !== product.currency) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `Product ${product.sku} is priced in ${product.currency}; this order is in ${order.currency}`,
      });
    }
    const existing = await tx.orderLine.findUnique({
      where: { orderId_productId: { orderId: order.id, productId: product.id } },
      select: { id: true, quantity: true, unitPriceMinor: true },
    });
    if (existing) {
      const quantity = existing.quantity + input.quantity;
      await tx.orderLine.update({
        where: { id: existing.id },
        data: { quantity, lineTotalMinor: existing.unitPriceMinor * quantity },
      });
    } else {
      await tx.orderLine.create({
        data: {
          organizationId: ctx.org.id,
          orderId: order.id,
          productId: product.id,
          sku: product.sku,
          productName: product.name,
          unitPriceMinor: product.priceMinor,
          quantity: input.quantity,
          lineTotalMinor: product.priceMinor * input.quantity,
        },
      });
    }
    return { currency: product.currency };
  });
}

export function updateOrderItem(ctx: OrgContext, input: UpdateOrderItemInput): Promise<OrderView> {
  return editDraft(ctx, input.orderId, input.version, async (tx, order) => {
    const line = await findLine(tx, order.id, input.lineId);
    await tx.orderLine.update({
      where: { id: line.id },
      data: { quantity: input.quantity, lineTotalMinor: line.unitPriceMinor * input.quantity },
    });
    return {};
  });
}

export function removeOrderItem(ctx: OrgContext, input: RemoveOrderItemInput): Promise<OrderView> {
  return editDraft(ctx, input.orderId, input.version, async (tx, order) => {
    const line = await findLine(tx, order.id, input.lineId);
    await tx.orderLine.delete({ where: { id: line.id } });
    const remaining = await tx.orderLine.count({ where: { orderId: order.id } });
    // An emptied draft may take a product in another currency next.
    return remaining === 0 ? { currency: null } : {};
  });
}

/**
 * The frame of every draft edit, in one transaction: claim the draft by its
 * version (a stale or concurrent edit loses with CONFLICT), change the lines,
 * then recompute the totals at the organisation's current tax rate.
 */
async function editDraft(
  ctx: OrgContext,
  orderId: string,
  version: number,
  change: (tx: Tx, order: { id: string; currency: string | null }) => Promise<{ currency?: string | null }>,
): Promise<OrderView> {
  return inTransaction(ctx, async (tx) => {
    const scope = { id: orderId, organizationId: ctx.org.id };
    const { count } = await tx.order.updateMany({
      where: { ...scope, status: "draft", version },
      data: { version: { increment: 1 } },
    });
    if (count === 0) await explainRefusedEdit(tx, scope, version);

    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { id: true, currency: true },
    });
    const changed = await change(tx, order);
    const [lines, organization] = await Promise.all([
      tx.orderLine.findMany({ where: { orderId }, select: { unitPriceMinor: true, quantity: true } }),
      tx.organization.findUniqueOrThrow({ where: { id: ctx.org.id }, select: { taxRateBasisPoints: true } }),
    ]);
    await tx.order.update({
      where: { id: orderId },
      data: {
        ...computeTotals(lines, organization.taxRateBasisPoints),
        taxRateBasisPoints: organization.taxRateBasisPoints,
        ...(changed.currency !== undefined ? { currency: changed.currency } : {}),
      },
    });
    return getOrder(ctx, orderId, tx);
  });
}

async function explainRefusedEdit(
  tx: Tx,
  scope: { id: string; organizationId: string },
  version: number,
): Promise<never> {
  const current = await tx.order.findFirst({ where: scope, select: { status: true, version: true } });
  if (!current) throw notFound("Order", scope.id);
  if (current.status !== "draft") {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Order ${scope.id} is ${current.status}; only a draft can be edited`,
    });
  }
  throw new TRPCError({
    code: "CONFLICT",
    message: `Order ${scope.id} was changed by someone else (you edited version ${version}, the current one is ${current.version}); reload and try again`,
  });
}

async function findLine(tx: Tx, orderId: string, lineId: string) {
  const line = await tx.orderLine.findFirst({
    where: { id: lineId, orderId },
    select: { id: true, unitPriceMinor: true },
  });
  if (!line) throw notFound("Order line", lineId);
  return line;
}
