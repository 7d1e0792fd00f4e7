export { createMailer, type Mailer, type OutgoingEmail, type SendOutcome } from "./email/mailer.ts";
export {
  type EmailContent,
  invitationEmail,
  invoiceEmail,
  receiptEmail,
  reminderEmail,
} from "./email/templates.ts";
export { type InvoiceDocument, renderInvoicePdf } from "./pdf/invoice-pdf.ts";
