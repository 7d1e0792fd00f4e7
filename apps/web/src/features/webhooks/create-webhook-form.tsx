"use client";

import { createWebhookEndpointInput, type EventKind, eventKind, type InputIssues } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { CheckboxGroup } from "@/components/checkbox-group";
import { FormMessages } from "@/components/form-messages";
import { TextField } from "@/components/text-field";
import { issuesFromSchema, issuesFromServer, noIssues } from "@/lib/form-issues";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { NewWebhookSecret } from "./new-webhook-secret";
import { EVENT_KIND_LABELS } from "./webhook";

/** Registers an endpoint; a destination the server refuses is shown beside the URL, like any other refusal. */
export function CreateWebhookForm() {
  const hydrated = useHydrated();
  const headingId = useId();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [kinds, setKinds] = useState<EventKind[]>(["order.placed"]);
  const [issues, setIssues] = useState<InputIssues>(noIssues);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const utils = trpc.useUtils();
  const create = trpc.webhooks.endpoints.create.useMutation({
    onSuccess: async ({ endpoint, secret }) => {
      await utils.webhooks.endpoints.list.invalidate();
      setCreated({ url: endpoint.url, secret });
      setUrl("");
      setDescription("");
    },
    onError: (error) => setIssues(issuesFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createWebhookEndpointInput.safeParse({ url: url.trim(), eventKinds: kinds, description });
    if (!parsed.success) return setIssues(issuesFromSchema(parsed.error));
    setIssues(noIssues);
    setCreated(null);
    create.mutate(parsed.data);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Register an endpoint</h2>
      <div className="fields">
        <TextField
          label="URL"
          type="url"
          value={url}
          placeholder="https://example.com/tally-webhooks"
          errors={issues.fieldErrors.url}
          onChange={setUrl}
          maxLength={2000}
        />
        <TextField
          label="Description"
          value={description}
          hint="Optional: what receives these events"
          errors={issues.fieldErrors.description}
          onChange={setDescription}
          maxLength={200}
        />
      </div>
      <CheckboxGroup
        legend="Events"
        options={eventKind.options}
        labels={EVENT_KIND_LABELS}
        selected={kinds}
        onChange={setKinds}
        errors={issues.fieldErrors.eventKinds ?? []}
      />
      <FormMessages messages={issues.formErrors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || create.isPending}>
          {create.isPending ? "Registering…" : "Register endpoint"}
        </button>
      </div>
      {created && <NewWebhookSecret url={created.url} secret={created.secret} />}
    </form>
  );
}
