/** What a member may do in their organisation; each role includes the ones below it. */
export type Role = "member" | "admin" | "owner";

const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** better-auth stores roles as a comma-separated list; the highest one decides. */
export function highestRole(stored: string): Role {
  const roles = stored.split(",").map((role) => role.trim());
  return (["owner", "admin", "member"] as const).find((role) => roles.includes(role)) ?? "member";
}

export function hasRole(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
