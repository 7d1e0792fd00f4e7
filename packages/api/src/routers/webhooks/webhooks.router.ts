import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  updateWebhookEndpointInput,
  webhookEndpointByIdInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../rest-route.ts";
import { roleProcedure } from "../../trpc.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  deliveryPages,
  listWebhookDeliveries,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from "./webhook-endpoints.service.ts";
import {
  createdWebhookEndpointOutput,
  deletedWebhookEndpointOutput,
  webhookDeliveryPageOutput,
  webhookEndpointOutput,
} from "./webhooks.output.ts";

/** A key needs this scope and an admin creator: it acts as that admin (decision 015). */
const manage = ["webhooks:manage"] as const;
const TAG = "Webhooks";

/** Outgoing webhooks: admins (and their keys with `webhooks:manage`) register endpoints and read each one's delivery log. */
export const webhooksRouter = {
  endpoints: {
    list: roleProcedure("admin")
      .meta({ scopes: manage, openapi: rest("GET", "/webhooks/endpoints", "List webhook endpoints", TAG) })
      .output(webhookEndpointOutput.array())
      .query(({ ctx }) => listWebhookEndpoints(ctx)),
    create: roleProcedure("admin")
      .meta({
        scopes: manage,
        openapi: rest(
          "POST",
          "/webhooks/endpoints",
          "Register a webhook endpoint: its secret is returned once",
          TAG,
        ),
      })
      .input(createWebhookEndpointInput)
      .output(createdWebhookEndpointOutput)
      .mutation(({ ctx, input }) => createWebhookEndpoint(ctx, input)),
    update: roleProcedure("admin")
      .meta({
        scopes: manage,
        openapi: rest(
          "PATCH",
          "/webhooks/endpoints/{id}",
          "Change an endpoint's URL or events, or disable it; enabling clears its failures",
          TAG,
        ),
      })
      .input(updateWebhookEndpointInput)
      .output(webhookEndpointOutput)
      .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx, input)),
    delete: roleProcedure("admin")
      .meta({
        scopes: manage,
        openapi: rest("DELETE", "/webhooks/endpoints/{id}", "Delete an endpoint and its delivery log", TAG),
      })
      .input(webhookEndpointByIdInput)
      .output(deletedWebhookEndpointOutput)
      .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, input.id)),
  },
  deliveries: {
    list: roleProcedure("admin")
      .meta({
        scopes: manage,
        openapi: rest(
          "GET",
          "/webhooks/endpoints/{endpointId}/deliveries",
          "An endpoint's deliveries, newest first",
          TAG,
        ),
      })
      .input(deliveryPages.input(listWebhookDeliveriesInput))
      .output(webhookDeliveryPageOutput)
      .query(({ ctx, input }) => listWebhookDeliveries(ctx, input)),
  },
} satisfies TRPCRouterRecord;
