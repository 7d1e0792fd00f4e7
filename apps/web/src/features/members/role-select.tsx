"use client";

import { type MemberRole, memberRole as memberRoleSchema } from "@tally/validators";
import { useId } from "react";
import { ROLE_LABELS } from "@/lib/roles";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { memberRole } from "./member";
import { type MemberControlProps, useMemberChange } from "./use-member-change";

/**
 * Every role is offered: the server decides who may grant what (only owners
 * make owners, one owner always remains) and its refusal is shown as it is.
 */
export function RoleSelect(props: MemberControlProps) {
  const { member, onNotice } = props;
  const id = useId();
  const hydrated = useHydrated();
  const change = useMemberChange(props);
  const updateRole = trpc.org.members.updateRole.useMutation({
    onSuccess: (saved) =>
      change.done(`${member.user.name} is now ${ROLE_LABELS[memberRole(saved.role)].toLowerCase()}`),
    onError: change.problem,
  });

  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Role for {member.user.name}
      </label>
      <select
        id={id}
        className="inline-select"
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
    </>
  );
}
