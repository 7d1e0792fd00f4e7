"use client";

import { useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { type MemberControlProps, useMemberChange } from "./use-member-change";

/** Removal asks once more before it happens. */
export function RemoveMember(props: MemberControlProps) {
  const name = props.member.user.name;
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState(false);
  const change = useMemberChange(props);
  const remove = trpc.org.members.remove.useMutation({
    onSuccess: () => change.done(`${name} was removed`),
    onError: (error) => {
      setConfirming(false);
      change.problem(error);
    },
  });

  if (!confirming) {
    return (
      <button
        type="button"
        aria-label={`Remove ${name}`}
        disabled={!hydrated}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={!hydrated || remove.isPending}
        onClick={() => remove.mutate({ memberId: props.member.id })}
      >
        {remove.isPending ? "Removing…" : `Confirm removing ${name}`}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </>
  );
}
