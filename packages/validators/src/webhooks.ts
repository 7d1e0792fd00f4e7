import { z } from "zod";
import { eventKind } from "./events.ts";
import { cursorPageInput } from "./pagination.ts";

export const webhookEndpointId = z.string().trim().min(1).max(64);

const url = z
  .url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL" })
  .max(2000, "At most 2,000 characters");
const eventKinds = z
  .array(eventKind)
  .min(1, "Choose at least one event")
  .transform((kinds) => [...new Set(kinds)]);

export const createWebhookEndpointInput = z.object({
  url,
  eventKinds,
  description: z.string().trim().max(200, "At most 200 characters").default(""),
});

/** Switching an endpoint back on clears its failure count. */
export const updateWebhookEndpointInput = z.object({
  id: webhookEndpointId,
  url: url.optional(),
  eventKinds: eventKinds.optional(),
  enabled: z.boolean().optional(),
});

export const webhookEndpointByIdInput = z.object({ id: webhookEndpointId });

export const listWebhookDeliveriesInput = cursorPageInput.extend({ endpointId: webhookEndpointId });

export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointInput>;
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointInput>;
export type ListWebhookDeliveriesInput = z.infer<typeof listWebhookDeliveriesInput>;
