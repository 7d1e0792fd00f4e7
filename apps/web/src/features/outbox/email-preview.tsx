"use client";

import { trpc } from "@/trpc/react";

/**
 * One email as it left: its headers and its text part. The text is shown,
 * not the HTML, so nothing in a message runs in the app's page; links in it
 * are plain URLs to copy or open.
 */
export function EmailPreview({ id }: { id: string }) {
  const email = trpc.emails.preview.useQuery({ id });
  if (email.isPending) return <p className="muted">Opening the email…</p>;
  if (email.isError) return <p role="alert">Could not open the email: {email.error.message}</p>;
  const { message } = email.data;
  return (
    <section className="panel" aria-label="Email">
      <h2>{email.data.subject}</h2>
      {message ? (
        <>
          <dl className="details">
            <dt>From</dt>
            <dd>{message.from}</dd>
            <dt>To</dt>
            <dd>{message.to}</dd>
            {message.replyTo && (
              <>
                <dt>Reply-to</dt>
                <dd>{message.replyTo}</dd>
              </>
            )}
          </dl>
          <pre className="email-text">
            <TextWithLinks text={message.text} />
          </pre>
          {message.attachments.length > 0 && (
            <ul aria-label="Attachments">
              {message.attachments.map((file) => (
                <li key={file.fileName}>
                  {file.fileName} ({Math.ceil(file.size / 1024)} KB)
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted">Sent over SMTP to {email.data.recipient}; the message itself is not kept.</p>
      )}
    </section>
  );
}

/** The text with its http(s) URLs as links: an invitation's link works from the preview. */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
