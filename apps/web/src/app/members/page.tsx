import type { Metadata } from "next";
import { MembersView } from "@/features/members/members-view";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const viewer = await requireMember("/members");
  const canManage = showsAdminControls(viewer.role);
  await Promise.all([
    trpc.org.members.list.prefetch(),
    canManage ? trpc.org.invitations.list.prefetch() : undefined,
  ]);
  return (
    <>
      <h1>Members of {viewer.activeOrganization.name}</h1>
      <HydrateClient>
        <MembersView viewerUserId={viewer.user.id} canManage={canManage} />
      </HydrateClient>
    </>
  );
}
