"use client";

import type { RouterOutputs } from "@tally/api";
import { useState } from "react";
import { DateTime, formatDateTime } from "@/components/date-time";
import { type Notice, NoticeLine } from "@/components/notice";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { describeDevice } from "./device";

type Session = RouterOutputs["account"]["sessions"]["list"][number];

/** Where this user is signed in; any other session can be ended from here. */
export function SessionsView() {
  const hydrated = useHydrated();
  const [notice, setNotice] = useState<Notice>(null);
  const utils = trpc.useUtils();
  const sessions = trpc.account.sessions.list.useQuery();
  const revokeOthers = trpc.account.sessions.revokeOthers.useMutation({
    onSuccess: async ({ revoked }) => {
      await utils.account.sessions.list.invalidate();
      setNotice({
        kind: "done",
        text: revoked === 1 ? "Signed out 1 other session" : `Signed out ${revoked} other sessions`,
      });
    },
    onError: (error) => setNotice({ kind: "problem", text: error.message }),
  });

  if (sessions.isPending) return <p className="muted">Loading sessions…</p>;
  if (sessions.isError) {
    return (
      <div role="alert" className="form-error">
        <p>Could not load your sessions: {sessions.error.message}</p>
      </div>
    );
  }
  const others = sessions.data.filter((session) => !session.current).length;

  return (
    <section aria-label="Sessions">
      <div className="toolbar">
        <p className="grow muted">
          {others === 0
            ? "You are signed in only here."
            : `${others} other ${others === 1 ? "session is" : "sessions are"} signed in to your account.`}
        </p>
        <button
          type="button"
          disabled={!hydrated || others === 0 || revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          {revokeOthers.isPending ? "Signing out…" : "Sign out everywhere else"}
        </button>
      </div>
      <NoticeLine notice={notice} />
      <table className="data-table">
        <caption className="visually-hidden">Your sessions</caption>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Address</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last active</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.data.map((session) => (
            <SessionRow key={session.id} session={session} onNotice={setNotice} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SessionRow({ session, onNotice }: { session: Session; onNotice: (notice: Notice) => void }) {
  const hydrated = useHydrated();
  const utils = trpc.useUtils();
  const device = describeDevice(session.userAgent);
  const revoke = trpc.account.sessions.revoke.useMutation({
    onSuccess: async () => {
      await utils.account.sessions.list.invalidate();
      onNotice({ kind: "done", text: `Signed out ${device}` });
    },
    onError: (error) => onNotice({ kind: "problem", text: error.message }),
  });
  return (
    <tr>
      <th scope="row">
        {device}
        {session.current && <span className="badge">This session</span>}
      </th>
      <td>{session.ipAddress ?? "—"}</td>
      <td>
        <DateTime value={session.createdAt} />
      </td>
      <td>
        <DateTime value={session.updatedAt} />
      </td>
      <td className="row-actions">
        {!session.current && (
          <button
            type="button"
            aria-label={`Sign out ${device}, signed in ${formatDateTime(session.createdAt)}`}
            disabled={!hydrated || revoke.isPending}
            onClick={() => revoke.mutate({ sessionId: session.id })}
          >
            Sign out
          </button>
        )}
      </td>
    </tr>
  );
}
