"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { EMAIL_KIND_LABELS, EMAIL_STATUS_LABELS } from "./email-labels";
import { EmailPreview } from "./email-preview";

/** Every email Tally sent or tried to send for the organisation, newest first; one opens beside the list. */
export function OutboxView() {
  const hydrated = useHydrated();
  const [open, setOpen] = useState<string | null>(null);
  const emails = trpc.emails.list.useInfiniteQuery(
    {},
    { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
  );

  if (emails.isPending) return <p className="muted">Loading the outbox…</p>;
  if (emails.isError) {
    return (
      <div role="alert" className="form-error">
        <p>Could not load the outbox: {emails.error.message}</p>
        <button type="button" onClick={() => emails.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const rows = emails.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return <p className="muted">Nothing sent yet. Issuing an invoice or inviting someone sends an email.</p>;
  }
  return (
    <div className="split-layout">
      <div aria-busy={emails.isFetching}>
        <table className="data-table">
          <caption className="visually-hidden">Emails, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((email) => (
              <tr key={email.id} aria-selected={open === email.id}>
                <td className="nowrap">
                  <DateTime value={email.createdAt} />
                </td>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setOpen(email.id)}
                    disabled={!hydrated}
                  >
                    {email.subject}
                  </button>
                </th>
                <td>{email.recipient}</td>
                <td>{EMAIL_KIND_LABELS[email.kind]}</td>
                <td>
                  {EMAIL_STATUS_LABELS[email.status]}
                  {email.failureReason && <span className="small muted"> — {email.failureReason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {emails.hasNextPage && (
          <div className="actions">
            <button
              type="button"
              onClick={() => emails.fetchNextPage()}
              disabled={!hydrated || emails.isFetchingNextPage}
            >
              {emails.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          </div>
        )}
      </div>
      <aside>
        {open ? <EmailPreview id={open} /> : <p className="muted">Choose an email to read it.</p>}
      </aside>
    </div>
  );
}
