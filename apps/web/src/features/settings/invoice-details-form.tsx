"use client";

import { updateOrganizationSettingsInput } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { type Notice, NoticeLine } from "@/components/notice";
import { TextAreaField } from "@/components/text-area-field";
import { TextField } from "@/components/text-field";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";

const FIELDS = ["senderName", "replyTo", "postalAddress", "paymentInstructions"] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

/**
 * What invoices print and their emails say they are from. Only the owner
 * edits it; invoices already issued keep what they printed.
 */
export function InvoiceDetailsForm({ canEdit }: { canEdit: boolean }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const settings = trpc.org.settings.get.useQuery();
  const utils = trpc.useUtils();
  const [edits, setEdits] = useState<Partial<Values>>({});
  const [errors, setErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const update = trpc.org.settings.update.useMutation({
    onSuccess: (saved) => {
      utils.org.settings.get.setData(undefined, saved);
      setEdits({});
      setNotice({ kind: "done", text: "Invoice details saved. Invoices issued from now on print them." });
    },
    onError: (failure) => {
      const problem = serverProblem(failure);
      setErrors(problem.issues?.fieldErrors ?? {});
      setNotice({ kind: "problem", text: problem.message });
    },
  });

  if (!settings.data) return <p className="muted">Loading settings…</p>;
  const values: Values = {
    senderName: edits.senderName ?? settings.data.senderName,
    replyTo: edits.replyTo ?? settings.data.replyTo,
    postalAddress: edits.postalAddress ?? settings.data.postalAddress,
    paymentInstructions: edits.paymentInstructions ?? settings.data.paymentInstructions,
  };
  const field = (name: Field) => ({
    value: values[name],
    errors: errors[name],
    onChange: (value: string) => {
      setEdits((current) => ({ ...current, [name]: value }));
      setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = updateOrganizationSettingsInput.safeParse(values);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((issue) => [String(issue.path[0]), [issue.message]]),
        ) as Partial<Record<Field, string[]>>,
      );
      return;
    }
    update.mutate(parsed.data);
  }

  if (!canEdit) {
    return (
      <section className="panel narrow-panel" aria-labelledby={headingId}>
        <h2 id={headingId}>On invoices</h2>
        <dl className="details">
          <dt>Sender</dt>
          <dd>{values.senderName || settings.data.name}</dd>
          <dt>Reply-to</dt>
          <dd>{values.replyTo || "—"}</dd>
          <dt>Postal address</dt>
          <dd>{values.postalAddress || "—"}</dd>
          <dt>Payment instructions</dt>
          <dd>{values.paymentInstructions || "—"}</dd>
        </dl>
        <p className="muted">Only the owner can change these.</p>
      </section>
    );
  }
  return (
    <form className="panel narrow-panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>On invoices</h2>
      <TextField
        label="Sender name"
        maxLength={100}
        hint={`Empty: ${settings.data.name}`}
        {...field("senderName")}
      />
      <TextField label="Reply-to address" type="email" {...field("replyTo")} />
      <TextAreaField label="Postal address" maxLength={500} {...field("postalAddress")} />
      <TextAreaField
        label="Payment instructions"
        maxLength={1000}
        hint="Printed under the totals, e.g. bank details and the reference to quote."
        {...field("paymentInstructions")}
      />
      <NoticeLine notice={notice} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || update.isPending}>
          {update.isPending ? "Saving…" : "Save invoice details"}
        </button>
      </div>
    </form>
  );
}
