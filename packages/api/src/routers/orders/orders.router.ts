import {
  addOrderItemInput,
  createOrderInput,
  listOrdersInput,
  orderByIdInput,
  orderTransitionInput,
  removeOrderItemInput,
  updateOrderItemInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import { addOrderItem, removeOrderItem, updateOrderItem } from "./order-items.service.ts";
import { cancelOrder, fulfilOrder, placeOrder } from "./order-lifecycle.service.ts";
import { createOrder, getOrder, listOrders, orderPages } from "./orders.service.ts";

export const ordersRouter = {
  list: orgProcedure
    .input(orderPages.input(listOrdersInput).prefault({}))
    .query(({ ctx, input }) => listOrders(ctx, input)),
  get: orgProcedure.input(orderByIdInput).query(({ ctx, input }) => getOrder(ctx, input.id)),
  create: orgProcedure.input(createOrderInput).mutation(({ ctx, input }) => createOrder(ctx, input)),
  addItem: orgProcedure.input(addOrderItemInput).mutation(({ ctx, input }) => addOrderItem(ctx, input)),
  updateItem: orgProcedure
    .input(updateOrderItemInput)
    .mutation(({ ctx, input }) => updateOrderItem(ctx, input)),
  removeItem: orgProcedure
    .input(removeOrderItemInput)
    .mutation(({ ctx, input }) => removeOrderItem(ctx, input)),
  place: orgProcedure
    .input(orderTransitionInput)
    .meta({ idempotent: true })
    .mutation(({ ctx, input }) => placeOrder(ctx, input)),
  fulfil: orgProcedure
    .input(orderTransitionInput)
    .meta({ idempotent: true })
    .mutation(({ ctx, input }) => fulfilOrder(ctx, input)),
  cancel: roleProcedure("admin")
    .input(orderTransitionInput)
    .meta({ idempotent: true })
    .mutation(({ ctx, input }) => cancelOrder(ctx, input)),
} satisfies TRPCRouterRecord;
