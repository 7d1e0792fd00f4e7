import { type Prisma, recordAuditEvent } from "@tally/db";
import type { OrderStatus, OrderTransitionInput } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { notFound } from "../../errors.ts";
import { recordEvent, recordEvents } from "../../events/events.record.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { orderEvent, orderEventSelect, stockMovedEvents } from "./order-events.ts";
import { TRANSITIONS, type Transition } from "./order-transitions.ts";
import type { OrderView } from "./orders.select.ts";
import { getOrder } from "./orders.service.ts";

type Tx = Prisma.TransactionClient;

/** Many concurrent placements can wait on the same product rows; give them time instead of failing. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Reserves stock for every line or for none. Each reservation is a
 * conditional decrement (`stock >= quantity`), so when concurrent placements
 * compete for the last units, the database lets exactly the ones that fit
 * through and the rest fail with CONFLICT; stock never goes below zero.
 *
 * The decrements are the transaction's last statements: a popular product's
 * row lock is the one every placement of it queues for, so it is taken only
 * once everything else (the status change, its audit row, the order read back)
 * is written, and held for the decrement and the commit alone
 * (docs/decisions/016-hot-product-placement.md). Writes added to placing
 * belong before `reserveStock`. How many placements run at once is the
 * procedure's policy (`concurrency: "placement"` in orders.router.ts).
 */
export function placeOrder(ctx: OrgContext, input: OrderTransitionInput): Promise<OrderView> {
  return inTransaction(
    ctx,
    async (tx) => {
      await transition(tx, ctx, input, "place");
      const order = await getOrder(ctx, input.orderId, tx);
      if (order.lines.length === 0)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Add at least one item before placing the order",
        });
      await recordEvents(tx, [
        orderEvent("order.placed", ctx.org.id, order),
        ...stockMovedEvents(ctx.org.id, order.id, "order.placed", order.lines),
      ]);
      await reserveStock(tx, ctx.org.id, order.lines);
      return order;
    },
    TRANSACTION_OPTIONS,
  );
}

type OrderedLine = { productId: string; sku: string; quantity: number };

async function reserveStock(tx: Tx, organizationId: string, lines: readonly OrderedLine[]) {
  // One lock order for everyone: no deadlocks between placements of several products.
  const byProduct = [...lines].sort((a, b) =>
    a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
  );
  for (const line of byProduct) {
    const { count } = await tx.product.updateMany({
      where: { id: line.productId, organizationId, archivedAt: null, stock: { gte: line.quantity } },
      data: { stock: { decrement: line.quantity } },
    });
    if (count === 0) {
      const product = await tx.product.findUnique({
        where: { id: line.productId },
        select: { stock: true, archivedAt: true },
      });
      throw new TRPCError({
        code: "CONFLICT",
        message: product?.archivedAt
          ? `Product ${line.sku} has been archived since it was added`
          : `Not enough stock for ${line.sku}: ${line.quantity} wanted, ${product?.stock ?? 0} left`,
      });
    }
  }
}

/** A placed order gives its reserved stock back. One with a live invoice must have it voided first. */
export function cancelOrder(ctx: OrgContext, input: OrderTransitionInput): Promise<OrderView> {
  return inTransaction(
    ctx,
    async (tx) => {
      const invoice = await tx.invoice.findFirst({
        where: { orderId: input.orderId, organizationId: ctx.org.id, status: { not: "void" } },
        select: { number: true },
      });
      if (invoice) {
        throw new TRPCError({
          code: "CONFLICT",
          message: `Void invoice ${invoice.number} before cancelling this order`,
        });
      }
      const previous = await transition(tx, ctx, input, "cancel");
      const returned =
        previous === "placed"
          ? await tx.orderLine.findMany({
              where: { orderId: input.orderId },
              orderBy: { productId: "asc" },
            })
          : [];
      for (const line of returned) {
        await tx.product.update({
          where: { id: line.productId },
          data: { stock: { increment: line.quantity } },
        });
      }
      const order = await getOrder(ctx, input.orderId, tx);
      await recordEvents(tx, [
        orderEvent("order.cancelled", ctx.org.id, order),
        ...stockMovedEvents(ctx.org.id, order.id, "order.cancelled", returned),
      ]);
      return order;
    },
    TRANSACTION_OPTIONS,
  );
}

export function fulfilOrder(ctx: OrgContext, input: OrderTransitionInput): Promise<OrderView> {
  return inTransaction(ctx, async (tx) => {
    await transition(tx, ctx, input, "fulfil");
    const order = await getOrder(ctx, input.orderId, tx);
    await recordEvent(tx, orderEvent("order.fulfilled", ctx.org.id, order));
    return order;
  });
}

/**
 * Called by the payments service inside its transaction when an invoice is
 * paid in full. An order that is already past "placed" stays as it is.
 */
export async function markOrderPaid(
  tx: Tx,
  organizationId: string,
  orderId: string,
  requestId: string | null,
) {
  const { count } = await tx.order.updateMany({
    where: { id: orderId, organizationId, status: "placed" },
    data: { status: "paid", paidAt: new Date(), version: { increment: 1 } },
  });
  if (count > 0) {
    await recordAuditEvent(tx, {
      organizationId,
      action: "order.paid",
      targetType: "order",
      targetId: orderId,
      requestId,
      details: { from: "placed", to: "paid" },
    });
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: orderEventSelect });
    await recordEvent(tx, orderEvent("order.paid", organizationId, order));
  }
  return count > 0;
}

/**
 * Compare-and-set on status (and on version when the caller sent one), so two
 * racing transitions cannot both win. Returns the status the order left.
 * A transition with one status to leave from writes first and reads only to
 * explain a refusal: one round trip fewer on the way to placing.
 */
async function transition(
  tx: Tx,
  ctx: OrgContext,
  input: OrderTransitionInput,
  name: Transition,
): Promise<OrderStatus> {
  const { from, to } = TRANSITIONS[name];
  const scope = { id: input.orderId, organizationId: ctx.org.id };
  const previous = from.length === 1 ? from[0] : (await currentStatus(tx, scope, name)).status;
  const { count } = await tx.order.updateMany({
    where: { ...scope, status: previous, ...(input.version ? { version: input.version } : {}) },
    data: { status: to, [TRANSITIONS[name].stamp]: new Date(), version: { increment: 1 } },
  });
  if (count === 0) {
    await currentStatus(tx, scope, name); // NOT_FOUND or CONFLICT naming the status it is in
    throw new TRPCError({
      code: "CONFLICT",
      message: `Order ${input.orderId} was changed by someone else; reload and try again`,
    });
  }
  await recordAuditEvent(tx, {
    organizationId: ctx.org.id,
    actorUserId: ctx.user.id,
    requestId: ctx.requestId,
    action: `order.${PAST[name]}`,
    targetType: "order",
    targetId: input.orderId,
    details: { from: previous, to },
  });
  return previous;
}

/** The order's status, when the transition can leave it; otherwise NOT_FOUND or CONFLICT saying why not. */
async function currentStatus(tx: Tx, scope: { id: string; organizationId: string }, name: Transition) {
  const { from } = TRANSITIONS[name];
  const current = await tx.order.findFirst({ where: scope, select: { status: true } });
  if (!current) throw notFound("Order", scope.id);
  if (!(from as readonly OrderStatus[]).includes(current.status)) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Order ${scope.id} is ${current.status}; it can be ${PAST[name]} only when ${from.join(" or ")}`,
    });
  }
  return current;
}

const PAST: Record<Transition, string> = {
  place: "placed",
  cancel: "cancelled",
  fulfil: "fulfilled",
};
