import type { Metadata } from "next";
import { firstAuditPage } from "@/features/audit/audit-filters";
import { AuditView } from "@/features/audit/audit-view";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const viewer = await requireMember("/audit");
  if (!showsAdminControls(viewer.role)) {
    return (
      <>
        <h1>Audit log</h1>
        <p className="muted">
          Only admins and owners of {viewer.activeOrganization.name} can read its audit log.
        </p>
      </>
    );
  }
  await Promise.all([trpc.audit.list.prefetchInfinite(firstAuditPage), trpc.org.members.list.prefetch()]);
  return (
    <>
      <h1>Audit log</h1>
      <HydrateClient>
        <AuditView />
      </HydrateClient>
    </>
  );
}
