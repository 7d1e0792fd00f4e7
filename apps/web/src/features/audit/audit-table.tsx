"use client";

import type { RouterOutputs } from "@tally/api";
import { keepPreviousData } from "@tanstack/react-query";
import { DateTime } from "@/components/date-time";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { describeAction } from "./audit-actions";
import type { AuditListInput } from "./audit-filters";

type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];

export function AuditTable({ input }: { input: AuditListInput }) {
  const hydrated = useHydrated();
  const members = trpc.org.members.list.useQuery();
  const events = trpc.audit.list.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const names = new Map(members.data?.map((member) => [member.user.id, member.user.name]));
  const person = (userId: string | null) => (userId ? (names.get(userId) ?? userId) : "—");

  if (events.isPending) return <p className="muted">Loading the audit log…</p>;
  if (events.isError) {
    return (
      <div role="alert" className="form-error">
        <p>Could not load the audit log: {events.error.message}</p>
        <button type="button" onClick={() => events.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const rows = events.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) return <p className="muted">No events match these filters.</p>;

  return (
    <div aria-busy={events.isFetching}>
      <table className="data-table">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">By</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <DateTime value={event.createdAt} />
              </td>
              <th scope="row">{describeAction(event.action)}</th>
              <td>{person(event.actorUserId)}</td>
              <td>{describeTarget(event, person)}</td>
              <td className="small">
                <Details details={event.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.hasNextPage && (
        <div className="actions">
          <button
            type="button"
            onClick={() => events.fetchNextPage()}
            disabled={!hydrated || events.isFetchingNextPage}
          >
            {events.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}

function describeTarget(event: AuditEvent, person: (userId: string | null) => string): string {
  if (!event.targetId) return event.targetType ?? "—";
  // Members and users are recorded by user id: show the person's name when they are still here.
  if (event.targetType === "member" || event.targetType === "user") return person(event.targetId);
  return `${event.targetType} ${event.targetId}`;
}

function Details({ details }: { details: AuditEvent["details"] }) {
  if (!details || typeof details !== "object" || Array.isArray(details)) return null;
  const entries = Object.entries(details).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) return null;
  return (
    <dl className="details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
