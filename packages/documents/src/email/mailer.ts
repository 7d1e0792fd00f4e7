import nodemailer from "nodemailer";

export type OutgoingEmail = {
  /** Stable per message, so a receiving server can drop a copy sent twice after a crash. */
  messageId: string;
  from: { name: string; address: string };
  replyTo?: string | undefined;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
};

export type SendOutcome =
  | { ok: true; raw: Buffer | null }
  /** `permanent`: the server refused the message itself (5xx); trying again cannot help. */
  | { ok: false; permanent: boolean; reason: string };

/**
 * Sends over SMTP when `smtpUrl` is set. Without it every message goes to
 * the development outbox instead: it is rendered exactly as it would be sent
 * and handed back as raw bytes, for the caller to keep and a page to show.
 */
export type Mailer = {
  readonly kind: "smtp" | "outbox";
  send(message: OutgoingEmail): Promise<SendOutcome>;
  close(): void;
};

export function createMailer({ smtpUrl }: { smtpUrl?: string | undefined }): Mailer {
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const kind = smtpUrl ? "smtp" : "outbox";
  return {
    kind,
    async send(message) {
      try {
        const info = await transport.sendMail({
          messageId: message.messageId,
          from: message.from,
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments ?? [],
        });
        const raw = (info as { message?: unknown }).message;
        return { ok: true, raw: kind === "outbox" && Buffer.isBuffer(raw) ? raw : null };
      } catch (error) {
        const {
          responseCode,
          response,
          message: text,
        } = error as {
          responseCode?: number;
          response?: string;
          message?: string;
        };
        return {
          ok: false,
          permanent: typeof responseCode === "number" && responseCode >= 500,
          // The server's own words (e.g. "550 5.1.1 mailbox unavailable"), or the connection's error.
          reason: (response ?? text ?? "the mail server did not answer").slice(0, 500),
        };
      }
    },
    close: () => transport.close(),
  };
}
