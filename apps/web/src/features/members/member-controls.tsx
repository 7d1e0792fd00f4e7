"use client";

import { type MemberRole, memberRole as memberRoleSchema } from "@tally/validators";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { Notice } from "@/components/notice";
import { ROLE_LABELS } from "@/lib/roles";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { type Member, memberRole } from "./member";

type MemberControlsProps = { member: Member; isViewer: boolean; onNotice: (notice: Notice) => void };

/**
 * Role and removal for one member. Every role is offered: the server decides
 * who may grant what (only owners make owners, one owner always remains) and
 * its refusal is shown as it is.
 */
export function MemberControls({ member, isViewer, onNotice }: MemberControlsProps) {
  const hydrated = useHydrated();
  const selectId = useId();
  const router = useRouter();
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const name = member.user.name;
  const afterChange = async () => {
    await utils.org.members.list.invalidate();
    // Your own role decides what the header and this page offer you.
    if (isViewer) router.refresh();
  };
  const problem = (error: { message: string }) => onNotice({ kind: "problem", text: error.message });

  const updateRole = trpc.org.members.updateRole.useMutation({
    onSuccess: async (saved) => {
      await afterChange();
      onNotice({ kind: "done", text: `${name} is now ${ROLE_LABELS[memberRole(saved.role)].toLowerCase()}` });
    },
    onError: problem,
  });
  const remove = trpc.org.members.remove.useMutation({
    onSuccess: async () => {
      await afterChange();
      onNotice({ kind: "done", text: `${name} was removed` });
    },
    onError: (error) => {
      setConfirming(false);
      problem(error);
    },
  });

  return (
    <div className="member-controls">
      <label htmlFor={selectId} className="visually-hidden">
        Role for {name}
      </label>
      <select
        id={selectId}
        value={memberRole(member.role)}
        disabled={!hydrated || updateRole.isPending}
        onChange={(event) => {
          onNotice(null);
          updateRole.mutate({ memberId: member.id, role: event.target.value as MemberRole });
        }}
      >
        {memberRoleSchema.options.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      {confirming ? (
        <>
          <button
            type="button"
            className="danger"
            disabled={!hydrated || remove.isPending}
            onClick={() => remove.mutate({ memberId: member.id })}
          >
            {remove.isPending ? "Removing…" : `Confirm removing ${name}`}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button
          type="button"
          aria-label={`Remove ${name}`}
          disabled={!hydrated}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
      )}
    </div>
  );
}
