import type { Role } from "./trpc.ts";

const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** Owners may do what admins may, admins what members may. */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
