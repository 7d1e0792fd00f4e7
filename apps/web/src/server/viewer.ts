import type { RouterOutputs } from "@tally/api";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { cache } from "react";
import { signInPath } from "@/lib/next-path";
import { caller } from "@/trpc/server";

export type Viewer = RouterOutputs["account"]["me"];
export type MemberViewer = Viewer & {
  activeOrganization: NonNullable<Viewer["activeOrganization"]>;
  role: NonNullable<Viewer["role"]>;
};

/** Who is looking at this page, or null when signed out (no cookie, or one that no longer works). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  try {
    return await caller.account.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  }
});

/** For pages that need a signed-in user: anyone else goes to sign in and comes back to `here`. */
export async function requireViewer(here: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(here));
  return viewer;
}

/** For pages about an organisation: a user without an active one is sent to create one. */
export async function requireMember(here: string): Promise<MemberViewer> {
  const viewer = await requireViewer(here);
  const { activeOrganization, role } = viewer;
  if (!activeOrganization || !role) redirect("/organizations/new");
  return { ...viewer, activeOrganization, role };
}
