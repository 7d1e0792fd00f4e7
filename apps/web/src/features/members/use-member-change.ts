"use client";

import { useRouter } from "next/navigation";
import type { Notice } from "@/components/notice";
import { trpc } from "@/trpc/react";
import type { Member } from "./member";

export type MemberControlProps = { member: Member; isViewer: boolean; onNotice: (notice: Notice) => void };

/** What follows a change to a member: the list again, and the whole page when it was your own membership. */
export function useMemberChange({ isViewer, onNotice }: MemberControlProps) {
  const router = useRouter();
  const utils = trpc.useUtils();
  return {
    done: async (text: string) => {
      await utils.org.members.list.invalidate();
      // Your own role decides what the header and this page offer you.
      if (isViewer) router.refresh();
      onNotice({ kind: "done", text });
    },
    problem: (error: { message: string }) => onNotice({ kind: "problem", text: error.message }),
  };
}
