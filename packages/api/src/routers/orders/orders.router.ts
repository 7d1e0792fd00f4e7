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
import { idempotencyHeaders, rest } from "../../rest-route.ts";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import { addOrderItem, removeOrderItem, updateOrderItem } from "./order-items.service.ts";
import { cancelOrder, fulfilOrder, placeOrder } from "./order-lifecycle.service.ts";
import { orderOutput, orderPageOutput } from "./orders.output.ts";
import { createOrder, getOrder, listOrders, orderPages } from "./orders.service.ts";

const read = ["orders:read"] as const;
const write = ["orders:write"] as const;

export const ordersRouter = {
  list: orgProcedure
    .meta({ scopes: read, openapi: rest("GET", "/orders", "List orders", "Orders") })
    .input(orderPages.input(listOrdersInput).prefault({}))
    .output(orderPageOutput)
    .query(({ ctx, input }) => listOrders(ctx, input)),
  get: orgProcedure
    .meta({ scopes: read, openapi: rest("GET", "/orders/{id}", "Get an order", "Orders") })
    .input(orderByIdInput)
    .output(orderOutput)
    .query(({ ctx, input }) => getOrder(ctx, input.id)),
  create: orgProcedure
    .meta({ scopes: write, openapi: rest("POST", "/orders", "Create a draft order", "Orders") })
    .input(createOrderInput)
    .output(orderOutput)
    .mutation(({ ctx, input }) => createOrder(ctx, input)),
  addItem: orgProcedure
    .meta({
      scopes: write,
      openapi: rest("POST", "/orders/{orderId}/items", "Add a line to a draft", "Orders"),
    })
    .input(addOrderItemInput)
    .output(orderOutput)
    .mutation(({ ctx, input }) => addOrderItem(ctx, input)),
  updateItem: orgProcedure
    .meta({ scopes: write })
    .input(updateOrderItemInput)
    .mutation(({ ctx, input }) => updateOrderItem(ctx, input)),
  removeItem: orgProcedure
    .meta({ scopes: write })
    .input(removeOrderItemInput)
    .mutation(({ ctx, input }) => removeOrderItem(ctx, input)),
  place: orgProcedure
    .input(orderTransitionInput)
    .meta({
      idempotent: true,
      concurrency: "placement",
      scopes: write,
      openapi: {
        ...rest("POST", "/orders/{orderId}/place", "Place an order: reserves its stock", "Orders"),
        requestHeaders: idempotencyHeaders,
      },
    })
    .output(orderOutput)
    .mutation(({ ctx, input }) => placeOrder(ctx, input)),
  fulfil: orgProcedure
    .input(orderTransitionInput)
    .meta({ idempotent: true, scopes: write })
    .mutation(({ ctx, input }) => fulfilOrder(ctx, input)),
  cancel: roleProcedure("admin")
    .input(orderTransitionInput)
    .meta({ idempotent: true, scopes: write })
    .mutation(({ ctx, input }) => cancelOrder(ctx, input)),
} satisfies TRPCRouterRecord;
