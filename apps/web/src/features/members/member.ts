import type { RouterOutputs } from "@tally/api";
import type { MemberRole } from "@tally/validators";

export type Member = RouterOutputs["org"]["members"]["list"][number];
export type Invitation = RouterOutputs["org"]["invitations"]["list"][number];

/** better-auth may store several roles ("admin,member"); the highest one is the one that counts. */
export function memberRole(stored: string | null): MemberRole {
  const roles = (stored ?? "member").split(",").map((role) => role.trim());
  return (["owner", "admin", "member"] as const).find((role) => roles.includes(role)) ?? "member";
}

export const invitationPath = (invitationId: string) => `/invitations/${encodeURIComponent(invitationId)}`;
