import { randomBytes } from "node:crypto";
import type {
  CreateWebhookEndpointInput,
  CursorPage,
  ListWebhookDeliveriesInput,
  UpdateWebhookEndpointInput,
} from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";
import { notFound } from "../../errors.ts";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { destinationProblem } from "./webhook-destination.ts";
import {
  deliveryView,
  endpointView,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  webhookDeliverySelect,
  webhookEndpointSelect,
} from "./webhooks.select.ts";

/** A bad destination is the `url` field's problem, like any other input. */
function checkDestination(ctx: OrgContext, url: string) {
  const problem = destinationProblem(url, ctx.config.webhooks);
  if (!problem) return;
  // As a zod issue on `url`, so every client shows it beside the field like any other refusal.
  // ZodRealError, not ZodError: only an Error survives as a TRPCError's cause (tRPC wraps anything else).
  throw new TRPCError({
    code: "BAD_REQUEST",
    message: `Invalid input: url: ${problem}`,
    cause: new ZodRealError([{ code: "custom", path: ["url"], message: problem, input: url }]),
  });
}

/** The signing secret is returned here and never again. */
export async function createWebhookEndpoint(
  ctx: OrgContext,
  input: CreateWebhookEndpointInput,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  checkDestination(ctx, input.url);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const endpoint = await inTransaction(ctx, async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { organizationId: ctx.org.id, ...input, secret },
      select: webhookEndpointSelect,
    });
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "webhook_endpoint.created",
        targetType: "webhook_endpoint",
        targetId: created.id,
        details: { url: created.url, eventKinds: created.eventKinds },
      },
      tx,
    );
    return created;
  });
  return { endpoint: endpointView(endpoint), secret };
}

export async function listWebhookEndpoints(ctx: OrgContext): Promise<WebhookEndpointView[]> {
  const rows = await ctx.db.webhookEndpoint.findMany({
    where: { organizationId: ctx.org.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: webhookEndpointSelect,
  });
  return rows.map(endpointView);
}

export async function updateWebhookEndpoint(
  ctx: OrgContext,
  { id, enabled, ...changes }: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointView> {
  if (changes.url) checkDestination(ctx, changes.url);
  return inTransaction(ctx, async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, organizationId: ctx.org.id },
      data: {
        ...(changes.url ? { url: changes.url } : {}),
        ...(changes.eventKinds ? { eventKinds: changes.eventKinds } : {}),
        ...(enabled === true ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : {}),
        ...(enabled === false ? { disabledAt: new Date(), disabledReason: "Disabled by an admin" } : {}),
      },
    });
    if (!count) throw notFound("Webhook endpoint", id);
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "webhook_endpoint.updated",
        targetType: "webhook_endpoint",
        targetId: id,
        details: { ...changes, ...(enabled === undefined ? {} : { enabled }) },
      },
      tx,
    );
    return endpointView(
      await tx.webhookEndpoint.findFirstOrThrow({ where: { id }, select: webhookEndpointSelect }),
    );
  });
}

/** Its pending deliveries go with it (cascade); a job already queued for one finds nothing to send. */
export async function deleteWebhookEndpoint(ctx: OrgContext, id: string): Promise<{ id: string }> {
  return inTransaction(ctx, async (tx) => {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id, organizationId: ctx.org.id } });
    if (!count) throw notFound("Webhook endpoint", id);
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "webhook_endpoint.deleted",
        targetType: "webhook_endpoint",
        targetId: id,
      },
      tx,
    );
    return { id };
  });
}

export const deliveryPages = newestFirst("createdAt");
export type ListWebhookDeliveriesQuery = PageQuery<typeof deliveryPages, ListWebhookDeliveriesInput>;

export async function listWebhookDeliveries(
  ctx: OrgContext,
  input: ListWebhookDeliveriesQuery,
): Promise<CursorPage<WebhookDeliveryView>> {
  const endpoint = await ctx.db.webhookEndpoint.findFirst({
    where: { id: input.endpointId, organizationId: ctx.org.id },
    select: { id: true },
  });
  if (!endpoint) throw notFound("Webhook endpoint", input.endpointId);
  const page = await deliveryPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.webhookDelivery.findMany({
      where: { AND: [{ endpointId: endpoint.id, organizationId: ctx.org.id }, after] },
      orderBy,
      take,
      select: webhookDeliverySelect,
    }),
  );
  return { ...page, items: page.items.map(deliveryView) };
}
