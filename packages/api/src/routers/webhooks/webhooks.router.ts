import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  updateWebhookEndpointInput,
  webhookEndpointByIdInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  deliveryPages,
  listWebhookDeliveries,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from "./webhook-endpoints.service.ts";

/** Outgoing webhooks: admins register endpoints and read each one's delivery log. */
export const webhooksRouter = {
  endpoints: {
    list: roleProcedure("admin").query(({ ctx }) => listWebhookEndpoints(ctx)),
    create: roleProcedure("admin")
      .input(createWebhookEndpointInput)
      .mutation(({ ctx, input }) => createWebhookEndpoint(ctx, input)),
    update: roleProcedure("admin")
      .input(updateWebhookEndpointInput)
      .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx, input)),
    delete: roleProcedure("admin")
      .input(webhookEndpointByIdInput)
      .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, input.id)),
  },
  deliveries: {
    list: roleProcedure("admin")
      .input(deliveryPages.input(listWebhookDeliveriesInput))
      .query(({ ctx, input }) => listWebhookDeliveries(ctx, input)),
  },
} satisfies TRPCRouterRecord;
