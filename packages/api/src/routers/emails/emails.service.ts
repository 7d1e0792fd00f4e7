import type { CursorPage, ListEmailsInput } from "@tally/validators";
import { simpleParser } from "mailparser";
import { notFound } from "../../errors.ts";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import type { OrgContext } from "../../trpc.ts";
import { type EmailSummaryView, emailSummarySelect } from "./emails.select.ts";

export const emailPages = newestFirst("createdAt");
export type ListEmailsQuery = PageQuery<typeof emailPages, ListEmailsInput>;

export function listEmails(ctx: OrgContext, input: ListEmailsQuery): Promise<CursorPage<EmailSummaryView>> {
  return emailPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.emailMessage.findMany({
      where: { organizationId: ctx.org.id, ...after },
      orderBy,
      take,
      select: emailSummarySelect,
    }),
  );
}

/**
 * One email as it was sent, read back from the development outbox: its
 * headers, text and HTML, and its attachments' names and sizes. A message
 * sent over SMTP is not kept, so only its summary is known.
 */
export async function previewEmail(ctx: OrgContext, id: string) {
  const email = await ctx.db.emailMessage.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: { ...emailSummarySelect, raw: true },
  });
  if (!email) throw notFound("Email", id);
  const { raw, ...summary } = email;
  if (!raw) return { ...summary, message: null };
  const parsed = await simpleParser(Buffer.from(raw));
  return {
    ...summary,
    message: {
      from: parsed.from?.text ?? "",
      to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "",
      replyTo: parsed.replyTo?.text ?? null,
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : null,
      attachments: parsed.attachments.map((file) => ({
        fileName: file.filename ?? "attachment",
        contentType: file.contentType,
        size: file.size,
      })),
    },
  };
}
