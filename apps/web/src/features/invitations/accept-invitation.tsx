"use client";

import { FormMessages } from "@/components/form-messages";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";

/** Joins the organisation, which becomes the active one, and opens its members page. */
export function AcceptInvitation({ invitationId }: { invitationId: string }) {
  const hydrated = useHydrated();
  const accept = trpc.org.invitations.accept.useMutation({
    // A full page load: the header and every cached list now belong to the organisation just joined.
    onSuccess: () => window.location.assign("/members"),
  });
  return (
    <>
      <FormMessages messages={accept.isError ? [accept.error.message] : []} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!hydrated || accept.isPending || accept.isSuccess}
          onClick={() => accept.mutate({ invitationId })}
        >
          {accept.isPending || accept.isSuccess ? "Joining…" : "Accept invitation"}
        </button>
      </div>
    </>
  );
}
