"use client";

import { useState } from "react";
import { type Notice, NoticeLine } from "@/components/notice";
import { InviteForm } from "./invite-form";
import { MemberTable } from "./member-table";
import { PendingInvitations } from "./pending-invitations";

type MembersViewProps = {
  viewerUserId: string;
  /** Admins and owners get the controls; members see the list only. */
  canManage: boolean;
};

export function MembersView({ viewerUserId, canManage }: MembersViewProps) {
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <div className={canManage ? "split-layout" : undefined}>
      <section aria-label="Members">
        <NoticeLine notice={notice} />
        <MemberTable viewerUserId={viewerUserId} canManage={canManage} onNotice={setNotice} />
      </section>
      {canManage && (
        <aside className="stack">
          <InviteForm />
          <PendingInvitations onNotice={setNotice} />
        </aside>
      )}
    </div>
  );
}
