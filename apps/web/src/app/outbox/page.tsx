import type { Metadata } from "next";
import { OutboxView } from "@/features/outbox/outbox-view";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const viewer = await requireMember("/outbox");
  if (!showsAdminControls(viewer.role)) {
    return (
      <>
        <h1>Outbox</h1>
        <p className="muted">
          Only admins and owners of {viewer.activeOrganization.name} can read its emails.
        </p>
      </>
    );
  }
  await trpc.emails.list.prefetchInfinite({});
  return (
    <>
      <h1>Outbox</h1>
      <p className="muted">
        Every email Tally sent for {viewer.activeOrganization.name}. Without a mail server (SMTP_URL),
        messages stay here instead of leaving, so you can read each one.
      </p>
      <HydrateClient>
        <OutboxView />
      </HydrateClient>
    </>
  );
}
