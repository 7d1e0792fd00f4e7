import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { InvitationCard } from "@/features/invitations/invitation-card";
import { InvitationSignIn } from "@/features/invitations/invitation-sign-in";
import { InvitationUnavailable } from "@/features/invitations/invitation-unavailable";
import { invitationPath } from "@/features/members/member";
import { getViewer } from "@/server/viewer";
import { caller } from "@/trpc/server";

export const metadata: Metadata = { title: "Invitation" };

type InvitationPageProps = { params: Promise<{ id: string }> };

/** Public: a signed-out visitor is offered sign-in or sign-up that come back here. */
export default async function InvitationPage({ params }: InvitationPageProps) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) return <InvitationSignIn here={invitationPath(id)} />;
  const invitation = await caller.org.invitations.get({ invitationId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return null;
    throw error;
  });
  if (!invitation) return <InvitationUnavailable email={viewer.user.email} />;
  return <InvitationCard invitation={invitation} />;
}
