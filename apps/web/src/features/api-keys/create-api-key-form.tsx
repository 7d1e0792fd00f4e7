"use client";

import { type ApiKeyScope, apiKeyScopes, createApiKeyInput, type InputIssues } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { CheckboxGroup } from "@/components/checkbox-group";
import { FormMessages } from "@/components/form-messages";
import { TextField } from "@/components/text-field";
import { issuesFromSchema, issuesFromServer, noIssues } from "@/lib/form-issues";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { SCOPE_LABELS } from "./api-key";
import { NewKeySecret } from "./new-key-secret";

export function CreateApiKeyForm() {
  const hydrated = useHydrated();
  const headingId = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["catalog:read"]);
  const [perMinute, setPerMinute] = useState("600");
  const [expiresInDays, setExpiresInDays] = useState("");
  const [issues, setIssues] = useState<InputIssues>(noIssues);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const utils = trpc.useUtils();
  const create = trpc.apiKeys.create.useMutation({
    onSuccess: async ({ key, secret }) => {
      await utils.apiKeys.list.invalidate();
      setCreated({ name: key.name, secret });
      setName("");
    },
    onError: (error) => setIssues(issuesFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createApiKeyInput.safeParse({
      name,
      scopes,
      rateLimitPerMinute: Number(perMinute),
      ...(expiresInDays.trim() ? { expiresInDays: Number(expiresInDays) } : {}),
    });
    if (!parsed.success) return setIssues(issuesFromSchema(parsed.error));
    setIssues(noIssues);
    setCreated(null);
    create.mutate(parsed.data);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Create a key</h2>
      <div className="fields">
        <TextField
          label="Name"
          value={name}
          errors={issues.fieldErrors.name}
          onChange={setName}
          maxLength={100}
        />
        <TextField
          label="Calls per minute"
          type="number"
          value={perMinute}
          errors={issues.fieldErrors.rateLimitPerMinute}
          onChange={setPerMinute}
        />
        <TextField
          label="Expires after (days)"
          type="number"
          value={expiresInDays}
          hint="Leave empty for a key that works until revoked"
          errors={issues.fieldErrors.expiresInDays}
          onChange={setExpiresInDays}
        />
      </div>
      <CheckboxGroup
        legend="Scopes"
        options={apiKeyScopes}
        labels={SCOPE_LABELS}
        selected={scopes}
        onChange={setScopes}
        errors={issues.fieldErrors.scopes ?? []}
      />
      <FormMessages messages={issues.formErrors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || create.isPending}>
          {create.isPending ? "Creating key…" : "Create key"}
        </button>
      </div>
      {created && <NewKeySecret name={created.name} secret={created.secret} />}
    </form>
  );
}
