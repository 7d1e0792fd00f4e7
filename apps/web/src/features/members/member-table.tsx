"use client";

import { DateTime } from "@/components/date-time";
import type { Notice } from "@/components/notice";
import { ROLE_LABELS } from "@/lib/roles";
import { trpc } from "@/trpc/react";
import { memberRole } from "./member";
import { MemberControls } from "./member-controls";

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
        {members.data.map((member) => (
          <tr key={member.id}>
            <th scope="row">
              {member.user.name}
              {member.user.id === viewerUserId && <span className="badge">You</span>}
            </th>
            <td>{member.user.email}</td>
            <td>{ROLE_LABELS[memberRole(member.role)]}</td>
            <td>
              <DateTime value={member.createdAt} style="date" />
            </td>
            {canManage && (
              <td className="row-actions">
                <MemberControls
                  member={member}
                  isViewer={member.user.id === viewerUserId}
                  onNotice={onNotice}
                />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
