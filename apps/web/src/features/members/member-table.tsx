"use client";

import { DateTime } from "@/components/date-time";
import type { Notice } from "@/components/notice";
import { ROLE_LABELS } from "@/lib/roles";
import { trpc } from "@/trpc/react";
import { memberRole } from "./member";
import { RemoveMember } from "./remove-member";
import { RoleSelect } from "./role-select";

type MemberTableProps = {
  viewerUserId: string;
  canManage: boolean;
  onNotice: (notice: Notice) => void;
};

export function MemberTable({ viewerUserId, canManage, onNotice }: MemberTableProps) {
  const members = trpc.org.members.list.useQuery();

  if (members.isPending) return <p className="muted">Loading members…</p>;
  if (members.isError) {
    return (
      <div role="alert" className="form-error">
        <p>Could not load members: {members.error.message}</p>
      </div>
    );
  }

  return (
    <table className="data-table">
      <caption className="visually-hidden">Members of this organisation</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Joined</th>
          {canManage && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {members.data.map((member) => {
          const controls = { member, isViewer: member.user.id === viewerUserId, onNotice };
          return (
            <tr key={member.id}>
              <th scope="row">
                {member.user.name}
                {controls.isViewer && <span className="badge">You</span>}
              </th>
              <td>{member.user.email}</td>
              <td>{canManage ? <RoleSelect {...controls} /> : ROLE_LABELS[memberRole(member.role)]}</td>
              <td>
                <DateTime value={member.createdAt} style="date" />
              </td>
              {canManage && (
                <td className="row-actions">
                  <RemoveMember {...controls} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
