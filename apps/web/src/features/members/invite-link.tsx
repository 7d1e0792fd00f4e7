"use client";

import { CopyField } from "@/components/copy-field";
import { DateTime } from "@/components/date-time";
import { type Invitation, invitationPath } from "./member";

/** The link to pass on, selectable by hand and copyable with one click. */
export function InviteLink({ invitation }: { invitation: Invitation }) {
  const url = `${window.location.origin}${invitationPath(invitation.id)}`;
  return (
    <CopyField label="Invite link" noun="link" value={url}>
      Send this link to <strong>{invitation.email}</strong>. It works once, for that address, until{" "}
      <DateTime value={invitation.expiresAt} style="date" />.
    </CopyField>
  );
}
