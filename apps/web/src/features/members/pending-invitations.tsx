"use client";

import { useId } from "react";
import { DateTime } from "@/components/date-time";
import type { Notice } from "@/components/notice";
import { ROLE_LABELS } from "@/lib/roles";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { type Invitation, invitationPath, memberRole } from "./member";

export function PendingInvitations({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const headingId = useId();
  const invitations = trpc.org.invitations.list.useQuery();

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Pending invitations</h2>
      {invitations.isPending && <p className="muted">Loading invitations…</p>}
      {invitations.isError && (
        <div role="alert" className="form-error">
          <p>Could not load invitations: {invitations.error.message}</p>
        </div>
      )}
      {invitations.data?.length === 0 && <p className="muted">No pending invitations.</p>}
      {invitations.data && invitations.data.length > 0 && (
        <ul className="plain-list">
          {invitations.data.map((invitation) => (
            <PendingInvitation key={invitation.id} invitation={invitation} onNotice={onNotice} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingInvitation({
  invitation,
  onNotice,
}: {
  invitation: Invitation;
  onNotice: (notice: Notice) => void;
}) {
  const hydrated = useHydrated();
  const utils = trpc.useUtils();
  const revoke = trpc.org.invitations.revoke.useMutation({
    onSuccess: async () => {
      await utils.org.invitations.list.invalidate();
      onNotice({ kind: "done", text: `Invitation for ${invitation.email} revoked` });
    },
    onError: (error) => onNotice({ kind: "problem", text: error.message }),
  });
  const copy = () =>
    navigator.clipboard.writeText(`${window.location.origin}${invitationPath(invitation.id)}`).then(
      () => onNotice({ kind: "done", text: `Invite link for ${invitation.email} copied` }),
      () => onNotice({ kind: "problem", text: "Could not copy the link" }),
    );

  return (
    <li>
      <div>
        <strong>{invitation.email}</strong>
        <span className="badge">{ROLE_LABELS[memberRole(invitation.role)]}</span>
        <div className="muted small">
          Expires <DateTime value={invitation.expiresAt} style="date" />
        </div>
      </div>
      <div className="row-actions">
        <button
          type="button"
          aria-label={`Copy link to invite ${invitation.email}`}
          disabled={!hydrated}
          onClick={copy}
        >
          Copy link
        </button>
        <button
          type="button"
          aria-label={`Revoke invitation for ${invitation.email}`}
          disabled={!hydrated || revoke.isPending}
          onClick={() => revoke.mutate({ invitationId: invitation.id })}
        >
          Revoke
        </button>
      </div>
    </li>
  );
}
