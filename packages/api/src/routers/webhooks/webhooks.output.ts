import { eventKind } from "@tally/validators";
import { z } from "zod";
import { cursorPage, timestamp } from "../../output.ts";

export const webhookEndpointOutput = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    eventKinds: z.array(eventKind).describe("The kinds of event delivered here"),
    description: z.string(),
    consecutiveFailures: z
      .number()
      .int()
      .describe(
        "Failed attempts in a row; a success resets it, and reaching the limit disables the endpoint",
      ),
    disabledAt: timestamp.nullable().describe("Null while deliveries are sent"),
    disabledReason: z
      .string()
      .nullable()
      .describe("Why it was disabled: by an admin, or after repeated failures"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "WebhookEndpoint" });

export const createdWebhookEndpointOutput = z
  .strictObject({
    endpoint: webhookEndpointOutput,
    secret: z.string().describe("Signs every delivery (Tally-Signature); returned here only, never again"),
  })
  .meta({ id: "CreatedWebhookEndpoint" });

export const deletedWebhookEndpointOutput = z.strictObject({ id: z.string() });

export const webhookDeliveryOutput = z
  .strictObject({
    id: z.string(),
    eventId: z.string().describe("The event's id, also the delivery body's `id`: deduplicate by it"),
    eventKind,
    status: z.enum(["pending", "succeeded", "failed", "abandoned"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable().describe("Your receiver's HTTP status on the last attempt"),
    lastError: z.string().nullable(),
    lastAttemptAt: timestamp.nullable(),
    nextAttemptAt: timestamp.nullable().describe("When a failed delivery is tried again; null once settled"),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "WebhookDelivery" });

export const webhookDeliveryPageOutput = cursorPage(webhookDeliveryOutput).meta({
  id: "WebhookDeliveryPage",
});
