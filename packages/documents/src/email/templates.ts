/** A message's words, as text and as HTML built from the same lines. */
export type EmailContent = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Paragraphs of plain text; a line that is a URL becomes a link in the HTML part. */
function compose(subject: string, paragraphs: string[]): EmailContent {
  const html = paragraphs
    .map((paragraph) =>
      /^https?:\/\/\S+$/.test(paragraph)
        ? `<p><a href="${escapeHtml(paragraph)}">${escapeHtml(paragraph)}</a></p>`
        : `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`,
    )
    .join("\n");
  return {
    subject,
    text: `${paragraphs.join("\n\n")}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif">${html}</body></html>`,
  };
}

export function invoiceEmail(invoice: {
  sellerName: string;
  customerName: string;
  title: string;
  total: string;
  dueDate: string;
  paymentInstructions: string;
}): EmailContent {
  return compose(`${invoice.title} from ${invoice.sellerName}`, [
    `Dear ${invoice.customerName},`,
    `Please find attached ${invoice.title} for ${invoice.total}, due on ${invoice.dueDate}.`,
    ...(invoice.paymentInstructions ? [`How to pay:\n${invoice.paymentInstructions}`] : []),
    `Thank you,\n${invoice.sellerName}`,
  ]);
}

export function receiptEmail(receipt: {
  sellerName: string;
  customerName: string;
  title: string;
  total: string;
}): EmailContent {
  return compose(`Receipt for ${receipt.title} from ${receipt.sellerName}`, [
    `Dear ${receipt.customerName},`,
    `We have received your payment of ${receipt.total}; ${receipt.title} is paid in full. A copy is attached.`,
    `Thank you,\n${receipt.sellerName}`,
  ]);
}

export function reminderEmail(reminder: {
  sellerName: string;
  customerName: string;
  title: string;
  balance: string;
  dueDate: string;
  paymentInstructions: string;
}): EmailContent {
  return compose(`Reminder: ${reminder.title} from ${reminder.sellerName} is overdue`, [
    `Dear ${reminder.customerName},`,
    `${reminder.title} was due on ${reminder.dueDate}; ${reminder.balance} is still outstanding. A copy is attached.`,
    ...(reminder.paymentInstructions ? [`How to pay:\n${reminder.paymentInstructions}`] : []),
    `If you have paid already, please ignore this message.\n${reminder.sellerName}`,
  ]);
}

export function invitationEmail(invitation: {
  organizationName: string;
  inviterName: string;
  role: string;
  link: string;
}): EmailContent {
  return compose(`${invitation.inviterName} invited you to ${invitation.organizationName} on Tally`, [
    `${invitation.inviterName} invited you to join ${invitation.organizationName} on Tally as ${invitation.role === "admin" ? "an admin" : "a member"}.`,
    "Open this link to accept (sign in or create an account with this email address first):",
    invitation.link,
    "If you did not expect this invitation, you can ignore this email.",
  ]);
}
