"use client";

import { updateOrganizationSettingsInput } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { type Notice, NoticeLine } from "@/components/notice";
import { TextField } from "@/components/text-field";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { basisPointsFromPercent, percentFromBasisPoints } from "./tax-rate";

/**
 * The organisation's sales tax rate. Only the owner changes it; drafts follow
 * it from their next edit, placed orders keep the rate they were placed at.
 */
export function TaxRateForm({ canEdit }: { canEdit: boolean }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const settings = trpc.org.settings.get.useQuery();
  const utils = trpc.useUtils();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string[] | undefined>();
  const [notice, setNotice] = useState<Notice>(null);
  const update = trpc.org.settings.update.useMutation({
    onSuccess: (saved) => {
      utils.org.settings.get.setData(undefined, saved);
      setText(null);
      setNotice({
        kind: "done",
        text: `Tax rate set to ${percentFromBasisPoints(saved.taxRateBasisPoints)}%`,
      });
    },
    onError: (failure) => setNotice({ kind: "problem", text: serverProblem(failure).message }),
  });

  if (!settings.data) return <p className="muted">Loading settings…</p>;
  const value = text ?? percentFromBasisPoints(settings.data.taxRateBasisPoints);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const basisPoints = basisPointsFromPercent(value);
    const parsed = updateOrganizationSettingsInput.safeParse({ taxRateBasisPoints: basisPoints });
    if (basisPoints === null || !parsed.success) {
      setError([parsed.error?.issues[0]?.message ?? "Enter a percentage like 20 or 8.25"]);
      return;
    }
    update.mutate(parsed.data);
  }

  return (
    <form className="panel narrow-panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Sales tax</h2>
      {canEdit ? (
        <>
          <TextField
            label="Tax rate (%)"
            value={value}
            errors={error}
            hint="Drafts use it from their next edit; placed orders keep their rate."
            onChange={(next) => {
              setText(next);
              setError(undefined);
            }}
          />
          <NoticeLine notice={notice} />
          <div className="actions">
            <button type="submit" className="primary" disabled={!hydrated || update.isPending}>
              {update.isPending ? "Saving…" : "Save tax rate"}
            </button>
          </div>
        </>
      ) : (
        <p>
          Orders are taxed at <strong>{percentFromBasisPoints(settings.data.taxRateBasisPoints)}%</strong>.
          Only the owner can change it.
        </p>
      )}
    </form>
  );
}
