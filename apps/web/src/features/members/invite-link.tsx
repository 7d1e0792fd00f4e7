"use client";

import { useId, useState } from "react";
import { DateTime } from "@/components/date-time";
import { type Invitation, invitationPath } from "./member";

/** The link to pass on, selectable by hand and copyable with one click. */
export function InviteLink({ invitation }: { invitation: Invitation }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const url = `${window.location.origin}${invitationPath(invitation.id)}`;

  return (
    <div className="invite-link">
      <p>
        Send this link to <strong>{invitation.email}</strong>. It works once, for that address, until{" "}
        <DateTime value={invitation.expiresAt} style="date" />.
      </p>
      <div className="field">
        <label htmlFor={id}>Invite link</label>
        <div className="input-with-button">
          <input id={id} readOnly value={url} onFocus={(event) => event.target.select()} />
          <button
            type="button"
            onClick={() =>
              navigator.clipboard.writeText(url).then(
                () => setCopied("yes"),
                () => setCopied("failed"),
              )
            }
          >
            Copy link
          </button>
        </div>
      </div>
      <p role="status" className="notice">
        {copied === "yes" ? "Link copied" : copied === "failed" ? "Copy the link from the box above" : ""}
      </p>
    </div>
  );
}
