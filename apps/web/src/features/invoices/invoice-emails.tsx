import { DateTime } from "@/components/date-time";
import { EMAIL_KIND_LABELS, EMAIL_STATUS_LABELS } from "@/features/outbox/email-labels";
import type { Invoice } from "./invoice";

/** What Tally emailed the customer about this invoice, and whether each one arrived at their mail server. */
export function InvoiceEmails({ emails }: { emails: Invoice["emailMessages"] }) {
  if (emails.length === 0) {
    return <p className="muted">No emails: the customer has no email address on file.</p>;
  }
  return (
    <ul className="plain-list">
      {emails.map((email) => (
        <li key={email.id}>
          {EMAIL_KIND_LABELS[email.kind]} to {email.recipient}:{" "}
          <strong>{EMAIL_STATUS_LABELS[email.status]}</strong>
          {email.sentAt && (
            <>
              {" "}
              <DateTime value={email.sentAt} />
            </>
          )}
          {email.status === "failed" && (
            <p role="note" className="field-error">
              Not delivered: {email.failureReason ?? "the mail server refused it"}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
