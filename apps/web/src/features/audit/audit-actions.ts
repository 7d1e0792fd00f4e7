/** The actions the API records, as an admin would say them. Unknown actions show as recorded. */
export const AUDIT_ACTIONS: Record<string, string> = {
  "organization.created": "Organisation created",
  "invitation.created": "Invitation created",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "session.revoked": "Session signed out",
  "session.revoked_others": "Other sessions signed out",
  "auth.sign_in_failed": "Failed sign-in",
};

export const describeAction = (action: string) => AUDIT_ACTIONS[action] ?? action;
