"use client";

import { createOrderInput, flattenIssues, type InputIssues } from "@tally/validators";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { FormMessages } from "@/components/form-messages";
import { CustomerSelect } from "@/features/customers/customer-select";
import { issuesFromServer, noIssues } from "@/lib/form-issues";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";

/** Starts a draft for a customer, then opens it to add products. */
export function NewOrderForm({ initialCustomerId }: { initialCustomerId: string }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const noteId = useId();
  const router = useRouter();
  const [customerId, setCustomerId] = useState(initialCustomerId);
  const [note, setNote] = useState("");
  const [issues, setIssues] = useState<InputIssues>(noIssues);
  const utils = trpc.useUtils();
  const create = trpc.orders.create.useMutation({
    onSuccess: async (order) => {
      utils.orders.get.setData({ id: order.id }, order);
      await utils.orders.list.invalidate();
      router.push(`/orders/${order.id}`);
    },
    onError: (error) => setIssues(issuesFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!customerId) return setIssues({ formErrors: [], fieldErrors: { customerId: ["Choose a customer"] } });
    const parsed = createOrderInput.safeParse({ customerId, note });
    if (!parsed.success) return setIssues(flattenIssues(parsed.error));
    setIssues(noIssues);
    create.mutate(parsed.data);
  }

  const busy = create.isPending || create.isSuccess; // stays busy while the draft opens
  return (
    <form className="panel narrow-panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Start a draft</h2>
      <div className="fields">
        <CustomerSelect
          value={customerId}
          emptyLabel="Choose a customer"
          errors={issues.fieldErrors.customerId}
          onChange={(id) => {
            setCustomerId(id);
            setIssues(noIssues);
          }}
        />
        <p className="hint">
          Not listed? <Link href="/customers">Add the customer</Link> first.
        </p>
        <div className="field">
          <label htmlFor={noteId}>Note (optional)</label>
          <textarea
            id={noteId}
            rows={3}
            maxLength={2000}
            value={note}
            aria-invalid={Boolean(issues.fieldErrors.note?.length)}
            onChange={(event) => setNote(event.target.value)}
          />
          {issues.fieldErrors.note && <p className="field-error">{issues.fieldErrors.note.join(" ")}</p>}
        </div>
      </div>
      <FormMessages messages={issues.formErrors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || busy}>
          {busy ? "Creating…" : "Create draft"}
        </button>
      </div>
    </form>
  );
}
