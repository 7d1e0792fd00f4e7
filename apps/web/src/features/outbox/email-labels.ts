import type { EmailKind, EmailStatus } from "@tally/validators";

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  invoice: "Invoice",
  receipt: "Receipt",
  reminder: "Reminder",
  invitation: "Invitation",
};

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  queued: "Queued",
  sent: "Sent",
  failed: "Failed",
};
