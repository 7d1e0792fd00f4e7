import type { MemberRole } from "@tally/validators";

export const ROLE_LABELS: Record<MemberRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/**
 * Whether to show the controls that only admins and owners may use. The
 * procedures enforce the rule; this only spares members buttons that would
 * be refused.
 */
export function showsAdminControls(role: MemberRole | null | undefined): boolean {
  return role === "owner" || role === "admin";
}
