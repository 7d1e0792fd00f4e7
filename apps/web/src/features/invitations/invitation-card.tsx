import type { RouterOutputs } from "@tally/api";
import { DateTime } from "@/components/date-time";
import { ROLE_LABELS } from "@/lib/roles";
import { memberRole } from "../members/member";
import { AcceptInvitation } from "./accept-invitation";

type InvitationDetails = RouterOutputs["org"]["invitations"]["get"];

export function InvitationCard({ invitation }: { invitation: InvitationDetails }) {
  const role = ROLE_LABELS[memberRole(invitation.role)].toLowerCase();
  return (
    <section className="panel narrow-form" aria-labelledby="invitation-heading">
      <h1 id="invitation-heading">Join {invitation.organization.name}</h1>
      <p>
        {invitation.inviter.name} invited you to join <strong>{invitation.organization.name}</strong> as{" "}
        {role === "admin" ? "an" : "a"} <strong>{role}</strong>.
      </p>
      <p className="muted small">
        The invitation is valid until <DateTime value={invitation.expiresAt} />.
      </p>
      <AcceptInvitation invitationId={invitation.id} />
    </section>
  );
}
