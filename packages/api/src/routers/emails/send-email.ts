import { type PrismaClient, recordAuditEvent } from "@tally/db";
import {
  type EmailContent,
  invitationEmail,
  invoiceEmail,
  type Mailer,
  type OutgoingEmail,
  receiptEmail,
  reminderEmail,
  renderInvoicePdf,
} from "@tally/documents";
import { formatMoney, invoiceFileName, invoiceTitle } from "@tally/validators";
import { invoiceDocument } from "../invoices/invoice-document.service.ts";
import { senderNameOf } from "../org/sender-name.ts";

export type EmailDelivery = {
  mailer: Mailer;
  /** The address every message is sent from (MAIL_FROM); the organisation's sender name goes with it. */
  fromAddress: string;
  /** The web app's address, for links in messages (BETTER_AUTH_URL). */
  appUrl: string;
};

export type SendResult = "sent" | "failed" | "already-done";

/**
 * The `emails.send` job: builds the message from the rows as they are now,
 * sends it, and records the outcome with an audit row (recipient and kind,
 * never the body). A transient refusal throws, so the queue retries with
 * backoff; a permanent one, or the last try, marks the email failed, which
 * the invoice page shows.
 */
export async function sendQueuedEmail(
  db: PrismaClient,
  delivery: EmailDelivery,
  { organizationId, messageId }: { organizationId: string; messageId: string },
  { lastTry }: { lastTry: boolean },
): Promise<SendResult> {
  const email = await db.emailMessage.findFirst({ where: { id: messageId, organizationId } });
  if (email?.status !== "queued") return "already-done";
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { name: true, senderName: true, replyTo: true },
  });
  const outgoing: OutgoingEmail = {
    messageId: `<${email.id}@tally>`,
    from: { name: senderNameOf(organization), address: delivery.fromAddress },
    replyTo: organization.replyTo || undefined,
    to: email.recipient,
    ...(await contentOf(db, delivery, email)),
  };
  const outcome = await delivery.mailer.send(outgoing);
  const target = email.invoiceId
    ? { targetType: "invoice", targetId: email.invoiceId }
    : { targetType: "invitation", targetId: email.invitationId ?? email.id };

  if (outcome.ok) {
    await db.$transaction(async (tx) => {
      await tx.emailMessage.update({
        where: { id: email.id },
        data: {
          status: "sent",
          sentAt: new Date(),
          attempts: { increment: 1 },
          raw: outcome.raw && new Uint8Array(outcome.raw),
        },
      });
      await recordAuditEvent(tx, {
        organizationId,
        action: "email.sent",
        ...target,
        details: { kind: email.kind, recipient: email.recipient },
      });
    });
    return "sent";
  }
  if (!outcome.permanent && !lastTry) {
    await db.emailMessage.update({ where: { id: email.id }, data: { attempts: { increment: 1 } } });
    throw new Error(`email ${email.id} not sent yet: ${outcome.reason}`);
  }
  await db.$transaction(async (tx) => {
    await tx.emailMessage.update({
      where: { id: email.id },
      data: { status: "failed", failureReason: outcome.reason, attempts: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      organizationId,
      action: "email.failed",
      ...target,
      details: { kind: email.kind, recipient: email.recipient, reason: outcome.reason },
    });
  });
  return "failed";
}

type StoredEmail = NonNullable<Awaited<ReturnType<PrismaClient["emailMessage"]["findFirst"]>>>;

async function contentOf(
  db: PrismaClient,
  delivery: EmailDelivery,
  email: StoredEmail,
): Promise<Pick<OutgoingEmail, "subject" | "text" | "html" | "attachments">> {
  if (email.kind === "invitation") {
    const invitation = await db.invitation.findFirstOrThrow({
      where: { id: email.invitationId ?? "", organizationId: email.organizationId },
      select: {
        id: true,
        role: true,
        organization: { select: { name: true } },
        user: { select: { name: true } },
      },
    });
    return invitationEmail({
      organizationName: invitation.organization.name,
      inviterName: invitation.user.name,
      role: invitation.role ?? "member",
      link: new URL(`/invitations/${encodeURIComponent(invitation.id)}`, delivery.appUrl).href,
    });
  }
  const document = await invoiceDocument(db, email.organizationId, email.invoiceId ?? "");
  const money = (minor: number) => formatMoney(minor, document.currency, "en-GB");
  const title = invoiceTitle(document.number);
  const common = {
    sellerName: document.seller.name,
    customerName: document.customer.name,
    title,
  };
  const paid = document.payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
  const dueDate = document.dueAt.toISOString().slice(0, 10);
  const content: EmailContent =
    email.kind === "receipt"
      ? receiptEmail({ ...common, total: money(document.totalMinor) })
      : email.kind === "reminder"
        ? reminderEmail({
            ...common,
            balance: money(document.totalMinor - paid),
            dueDate,
            paymentInstructions: document.seller.paymentInstructions,
          })
        : invoiceEmail({
            ...common,
            total: money(document.totalMinor),
            dueDate,
            paymentInstructions: document.seller.paymentInstructions,
          });
  const pdf = await renderInvoicePdf(document);
  return {
    ...content,
    // The subject recorded when it was queued is the one the audit log and the outbox list show.
    subject: email.subject,
    attachments: [
      {
        filename: invoiceFileName(document.number),
        content: pdf,
        contentType: "application/pdf",
      },
    ],
  };
}
