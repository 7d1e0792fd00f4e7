import type { Metadata } from "next";
import { WebhooksView } from "@/features/webhooks/webhooks-view";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Webhooks" };

/**
 * Not gated on the role here: the procedures refuse a member, and the view
 * says so. Only an admin's data is worth prefetching.
 */
export default async function WebhooksPage() {
  const viewer = await requireMember("/webhooks");
  if (showsAdminControls(viewer.role)) await trpc.webhooks.endpoints.list.prefetch();
  return (
    <>
      <h1>Webhooks</h1>
      <p className="muted">
        Endpoints receive {viewer.activeOrganization.name}'s events as signed HTTP POSTs, sent by Tally's
        workers within seconds and retried with backoff; an endpoint that keeps failing is disabled (
        <a href="/api/v1/docs">reference</a>).
      </p>
      <HydrateClient>
        <WebhooksView />
      </HydrateClient>
    </>
  );
}
